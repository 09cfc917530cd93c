package io.plinth.discovery;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class PeerModeTest {

    @Test
    void leavesAStandaloneRegistryAlone() {
        StandardEnvironment environment = environment(Map.of(), Map.of("eureka.client.register-with-eureka", "false"));

        new PeerMode().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getPropertySources().contains(PeerMode.SOURCE_NAME)).isFalse();
        assertThat(environment.getProperty("eureka.client.register-with-eureka")).isEqualTo("false");
    }

    @Test
    void peersTurnOnRegistrationFetchingAndSelfPreservation() {
        StandardEnvironment environment = environment(Map.of(), Map.of(
                "plinth.discovery.peers", "http://discovery-0.discovery:8761/eureka/,http://discovery-1.discovery:8761/eureka/",
                "eureka.instance.hostname", "discovery-0",
                "eureka.client.register-with-eureka", "false",
                "eureka.client.fetch-registry", "false",
                "eureka.server.enable-self-preservation", "false"));

        new PeerMode().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("eureka.client.register-with-eureka")).isEqualTo("true");
        assertThat(environment.getProperty("eureka.client.fetch-registry")).isEqualTo("true");
        assertThat(environment.getProperty("eureka.client.service-url.defaultZone"))
                .isEqualTo("http://discovery-1.discovery:8761/eureka/");
        assertThat(environment.getProperty("eureka.server.enable-self-preservation")).isEqualTo("true");
    }

    @Test
    void peersAreCalledWithTheRegistryCredentials() {
        StandardEnvironment environment = environment(Map.of("PLINTH_DISCOVERY_PASSWORD", "s3cret"), Map.of(
                "plinth.discovery.peers", "http://discovery-0.discovery:8761/eureka/,http://discovery-1.discovery:8761/eureka/",
                "plinth.discovery.username", "plinth",
                "plinth.discovery.password", "${PLINTH_DISCOVERY_PASSWORD:}",
                "eureka.instance.hostname", "discovery-0"));

        new PeerMode().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("eureka.client.service-url.defaultZone"))
                .isEqualTo("http://plinth:s3cret@discovery-1.discovery:8761/eureka/");
    }

    @Test
    void anExplicitEnvironmentVariableStillWins() {
        StandardEnvironment environment = environment(
                Map.of("EUREKA_SELF_PRESERVATION", "false"),
                Map.of("plinth.discovery.peers", "http://other:8761/eureka/"));

        new PeerMode().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("eureka.server.enable-self-preservation")).isEqualTo("false");
        assertThat(environment.getProperty("eureka.client.register-with-eureka")).isEqualTo("true");
    }

    /** An environment shaped like a booted one: environment variables above application.yml. */
    private static StandardEnvironment environment(Map<String, Object> variables, Map<String, Object> yml) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        variables));
        environment.getPropertySources().addLast(new MapPropertySource("application.yml", yml));
        return environment;
    }
}
