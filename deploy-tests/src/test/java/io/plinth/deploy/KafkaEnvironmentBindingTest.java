package io.plinth.deploy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka settings production gives a service, as environment variables, bound the way Spring Boot binds them:
 * the producer, consumers and admin client all log in with SCRAM over TLS against the mounted CA. (An environment
 * variable that binds to nothing would leave the service on plaintext with no error.)
 */
class KafkaEnvironmentBindingTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"credit-service-kafka\" password=\"s3cret\";";

    @Test
    void productionsEnvironmentConfiguresScramOverTlsForEveryClient() {
        Rendered prod = Kustomize.render("overlays/prod");
        Map<String, Object> variables = new LinkedHashMap<>();
        prod.environment(prod.workload(Architecture.CREDIT)).forEach((name, value) ->
                variables.put(name, value.equals("secret:credit-service-kafka/sasl.jaas.config") ? JAAS : value));

        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        KafkaProperties kafka = Binder.get(environment).bind("spring.kafka", KafkaProperties.class)
                .orElseThrow(() -> new AssertionError("nothing bound to spring.kafka"));

        for (Map<String, Object> client : java.util.List.of(kafka.buildProducerProperties(),
                kafka.buildConsumerProperties(), kafka.buildAdminProperties())) {
            assertThat(client)
                    .containsEntry(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                            java.util.List.of("plinth-kafka-kafka-bootstrap.kafka.svc:9092"))
                    .containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL")
                    .containsEntry(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512")
                    .containsEntry(SaslConfigs.SASL_JAAS_CONFIG, JAAS)
                    .containsEntry(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM")
                    .containsEntry(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, "/etc/plinth/kafka-ca/ca.crt");
        }
        assertThat(Binder.get(environment).bind("plinth.kafka.create-topics", Boolean.class).get()).isFalse();
    }
}
