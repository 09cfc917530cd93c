package io.plinth.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;

import io.plinth.events.Topics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The model the other checks compare against agrees with the code it describes. */
class ArchitectureTest {

    @Test
    void everyTopicHasExactlyOneProducer() {
        Set<String> produced = new TreeSet<>();
        for (Architecture.Workload s : Architecture.SERVICES) {
            for (String topic : s.produces()) {
                assertThat(produced.add(topic)).as(topic + " has one producer").isTrue();
            }
        }
        assertThat(produced).containsExactlyInAnyOrderElementsOf(Topics.all());
        Architecture.SERVICES.forEach(s -> assertThat(Topics.all()).containsAll(s.consumes()));
    }

    @Test
    void everyModuleIsNamedAsItsWorkload() throws IOException {
        // The name is the Eureka id the gateway routes to, the consumer group the Kafka ACLs grant, the Service.
        for (Architecture.Workload w : Architecture.platform()) {
            String yml = Files.readString(Architecture.root().resolve(w.name()).resolve("src/main/resources/application.yml"));
            assertThat(yml).as(w.name()).containsPattern("(?m)^spring:\\s*\\n(?:\\s+.*\\n)*?\\s+application:\\s*\\n\\s+name: "
                    + w.name() + "\\s*$");
        }
    }
}
