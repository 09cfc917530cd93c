package io.plinth.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.env.MockEnvironment;

class PlatformDefaultsEnvironmentPostProcessorTest {

    private final PlatformDefaultsEnvironmentPostProcessor processor = new PlatformDefaultsEnvironmentPostProcessor();

    @Test
    void addsSharedDefaultsWithJsonLogs() {
        MockEnvironment environment = new MockEnvironment();

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("management.endpoints.web.exposure.include")).isEqualTo("health,info,prometheus");
        assertThat(environment.getProperty("management.endpoint.health.group.readiness.include"))
                .isEqualTo("readinessState,r2dbc");
        assertThat(environment.getProperty("management.endpoint.health.group.liveness.include")).isEqualTo("livenessState");
        assertThat(environment.getProperty("spring.flyway.locations")).isEqualTo("classpath:db/platform,classpath:db/migration");
        assertThat(environment.getProperty("spring.flyway.out-of-order")).isEqualTo("true");
        assertThat(environment.getProperty("spring.http.codecs.max-in-memory-size")).isEqualTo("1MB");
        assertThat(environment.getProperty("spring.reactor.context-propagation")).isEqualTo("auto");
        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
        assertThat(environment.getProperty("eureka.instance.prefer-ip-address")).isEqualTo("true");
        assertThat(environment.getProperty("eureka.client.instance-info-replication-interval-seconds")).isEqualTo("5");
        assertThat(environment.getProperty("springdoc.api-docs.path")).isEqualTo("/v3/api-docs");
        assertThat(environment.getProperty("spring.r2dbc.pool.max-acquire-time")).isEqualTo("10s");
        assertThat(environment.getProperty("spring.r2dbc.pool.max-create-connection-time")).isEqualTo("10s");
    }

    @Test
    void theBuildVersionIsRegisteredInEurekaWhenTheJarNamesOne() {
        assertThat(PlatformDefaultsEnvironmentPostProcessor.defaults("json", "1.4.2"))
                .containsEntry("eureka.instance.metadata-map.version", "1.4.2");
        assertThat(PlatformDefaultsEnvironmentPostProcessor.defaults("json", null))
                .doesNotContainKey("eureka.instance.metadata-map.version");
    }

    @Test
    void serviceConfigurationWinsOverEveryDefault() {
        MockEnvironment environment = new MockEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application.yml",
                Map.of("spring.flyway.locations", "classpath:db/custom")));

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.flyway.locations")).isEqualTo("classpath:db/custom");
        assertThat(environment.getPropertySources().stream().reduce((a, b) -> b).orElseThrow().getName())
                .isEqualTo(PlatformDefaultsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME);
    }

    @Test
    void textLogFormatLeavesConsoleLogsHumanReadable() {
        MockEnvironment environment = new MockEnvironment().withProperty("plinth.log.format", "TEXT");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("logging.structured.format.console")).isNull();
        assertThat(environment.getProperty("logging.pattern.correlation")).contains("%X{requestId:-}");
    }

    @Test
    void eurekaZoneComesFromTheEnvironmentVariableOrDefaultsToTheDevstack() {
        MockEnvironment fromEnv = new MockEnvironment()
                .withProperty("EUREKA_CLIENT_SERVICEURL_DEFAULTZONE", "http://discovery:8761/eureka/");
        MockEnvironment bare = new MockEnvironment();

        processor.postProcessEnvironment(fromEnv, new SpringApplication());
        processor.postProcessEnvironment(bare, new SpringApplication());

        assertThat(fromEnv.getProperty("eureka.client.service-url.defaultZone")).isEqualTo("http://discovery:8761/eureka/");
        assertThat(bare.getProperty("eureka.client.service-url.defaultZone")).isEqualTo("http://localhost:8761/eureka/");
    }
}
