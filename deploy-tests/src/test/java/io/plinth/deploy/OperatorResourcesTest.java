package io.plinth.deploy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.plinth.deploy.Architecture.Workload;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * overlays/prod-operators: the Strimzi users' ACLs give each service exactly the topics ARCHITECTURE.md says it
 * writes and reads, and CloudNativePG gives each service a role owning only its database.
 */
class OperatorResourcesTest {

    private final Rendered rendered = Kustomize.render("overlays/prod-operators");

    @Test
    void eachServiceWritesOnlyItsOwnTopicsAndReadsOnlyWhatItConsumes() {
        List<GenericKubernetesResource> users = rendered.generic("KafkaUser");
        assertThat(users).extracting(u -> u.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(Architecture.SERVICES.stream().map(s -> s.name() + "-kafka").toList());
        for (Workload service : Architecture.SERVICES) {
            GenericKubernetesResource user = users.stream()
                    .filter(u -> u.getMetadata().getName().equals(service.name() + "-kafka")).findFirst().orElseThrow();
            assertThat(user.<String>get("spec", "authentication", "type")).isEqualTo("scram-sha-512");
            assertThat(user.<String>get("spec", "authorization", "type")).isEqualTo("simple");
            assertThat(grants(user)).as(service.name()).containsExactlyInAnyOrderElementsOf(expectedGrants(service));
        }
    }

    @Test
    void theBrokersAcceptOnlyAuthenticatedTlsClientsAndCreateNoTopicOnTheirOwn() {
        GenericKubernetesResource kafka = rendered.generic("Kafka").get(0);
        List<Map<String, Object>> listeners = kafka.get("spec", "kafka", "listeners");
        assertThat(listeners).isNotEmpty().allSatisfy(listener -> {
            assertThat(listener.get("tls")).isEqualTo(true);
            assertThat(String.valueOf(listener.get("authentication"))).contains("scram-sha-512");
            assertThat(listener.get("port")).isEqualTo(9092);
        });
        assertThat(kafka.<String>get("spec", "kafka", "authorization", "type")).isEqualTo("simple");
        assertThat(kafka.<Object>get("spec", "kafka", "config", "auto.create.topics.enable")).isEqualTo(false);

        Set<String> topics = new TreeSet<>();
        rendered.generic("KafkaTopic").forEach(t -> topics.add(t.getMetadata().getName()));
        Set<String> expected = new TreeSet<>();
        for (String topic : allTopics()) {
            expected.add(topic);
            expected.add(topic + ".dlt");
        }
        assertThat(topics).isEqualTo(expected);
        // The services' network policy finds the brokers by this label.
        List<GenericKubernetesResource> pools = rendered.generic("KafkaNodePool");
        assertThat(pools).allSatisfy(pool -> assertThat(pool.<Map<String, String>>get("spec", "template", "pod",
                "metadata", "labels")).containsEntry("plinth.io/datastore", "kafka"));
    }

    @Test
    void eachServiceRoleOwnsOnlyItsDatabaseAndHoldsNoClusterPrivilege() {
        GenericKubernetesResource cluster = rendered.generic("Cluster").get(0);
        assertThat(cluster.<Map<String, String>>get("spec", "inheritedMetadata", "labels"))
                .containsEntry("plinth.io/datastore", "postgres");
        List<Map<String, Object>> roles = cluster.get("spec", "managed", "roles");
        assertThat(roles).extracting(role -> role.get("name"))
                .containsExactlyInAnyOrderElementsOf(Architecture.SERVICES.stream().map(Workload::database).toList());
        for (Map<String, Object> role : roles) {
            for (String privilege : List.of("superuser", "createdb", "createrole", "replication", "bypassrls")) {
                assertThat(role.get(privilege)).as(role.get("name") + " " + privilege).isEqualTo(false);
            }
            String service = Architecture.SERVICES.stream().filter(s -> s.database().equals(role.get("name")))
                    .findFirst().orElseThrow().name();
            assertThat(String.valueOf(role.get("passwordSecret"))).contains(service + "-db");
        }
        List<GenericKubernetesResource> databases = rendered.generic("Database");
        assertThat(databases).hasSize(Architecture.SERVICES.size());
        for (GenericKubernetesResource db : databases) {
            assertThat(db.<String>get("spec", "owner")).isEqualTo(db.<String>get("spec", "name"));
        }
    }

    /** "topic:name:Operation" and "group:name:Operation" for one KafkaUser. */
    private static Set<String> grants(GenericKubernetesResource user) {
        Set<String> grants = new TreeSet<>();
        List<Map<String, Object>> acls = user.get("spec", "authorization", "acls");
        for (Map<String, Object> acl : acls) {
            @SuppressWarnings("unchecked")
            Map<String, Object> resource = (Map<String, Object>) acl.get("resource");
            assertThat(resource.get("patternType")).as("no prefix grants").isEqualTo("literal");
            @SuppressWarnings("unchecked")
            List<String> operations = (List<String>) acl.get("operations");
            operations.forEach(op -> grants.add(resource.get("type") + ":" + resource.get("name") + ":" + op));
        }
        return grants;
    }

    private static Set<String> expectedGrants(Workload service) {
        Set<String> grants = new TreeSet<>();
        for (String topic : service.produces()) {
            grants.add("topic:" + topic + ":Write");
            grants.add("topic:" + topic + ":Describe");
        }
        for (String topic : service.consumes()) {
            grants.add("topic:" + topic + ":Read");
            grants.add("topic:" + topic + ":Describe");
            // A consumer parks what it cannot handle on the topic's dead-letter topic.
            grants.add("topic:" + topic + ".dlt:Write");
            grants.add("topic:" + topic + ".dlt:Describe");
        }
        if (!service.consumes().isEmpty()) {
            grants.add("group:" + service.name() + ":Read");
        }
        return grants;
    }

    private static Set<String> allTopics() {
        Set<String> topics = new TreeSet<>();
        Architecture.SERVICES.forEach(s -> topics.addAll(s.produces()));
        return topics;
    }
}
