package io.plinth.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import io.plinth.platform.web.testapp.PlatformWebIT;

/** The defaults a service gets without writing a line of configuration. */
class PlatformDefaultsIT extends PlatformWebIT {

    @Autowired
    Environment environment;

    @Autowired
    ObservationRegistry observations;

    @Test
    void livenessAndReadinessGroupsAreServed() {
        client().get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        client().get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.readinessState.status").isEqualTo("UP")
                .jsonPath("$.components.r2dbc.status").isEqualTo("UP");
    }

    @Test
    void prometheusAndOpenApiAreExposed() {
        String scrape = client().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(scrape).contains("jvm_memory_used_bytes").contains("application=\"platform-web-it\"");
        client().get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.openapi").exists();
    }

    @Test
    void theOpenApiDocumentDeclaresTheBearerTokenAndTheGatewayAsItsServer() {
        // What Swagger UI's "Authorize" button needs, and "Try it out" through the gateway the page came from.
        client().get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.info.title").isEqualTo("platform-web-it")
                .jsonPath("$.components.securitySchemes.bearerAuth.type").isEqualTo("http")
                .jsonPath("$.components.securitySchemes.bearerAuth.scheme").isEqualTo("bearer")
                .jsonPath("$.security[0].bearerAuth").isArray()
                .jsonPath("$.servers[0].url").isEqualTo("/");
    }

    @Test
    void requestsAreObservedButSpringSecuritysOwnPhasesAreNot() {
        assertThat(isObserved("http.server.requests")).isTrue();
        assertThat(isObserved("spring.security.filterchains")).isFalse();
        assertThat(isObserved("spring.security.authorizations")).isFalse();
    }

    private boolean isObserved(String name) {
        Observation observation = Observation.start(name, observations);
        observation.stop();
        return !observation.isNoop();
    }

    @Test
    void otherActuatorEndpointsStayHidden() {
        client().get().uri("/actuator/env").exchange().expectStatus().isNotFound();
    }

    @Test
    void defaultsAreInPlaceButBelowEverythingElse() {
        assertThat(environment.getProperty("spring.flyway.locations")).isEqualTo("classpath:db/platform,classpath:db/migration");
        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
        assertThat(environment.getProperty("server.shutdown")).isEqualTo("graceful");
        // The test's own property (highest precedence) wins over the platform default.
        assertThat(environment.getProperty("plinth.security.public-paths")).isEqualTo("/**");
    }
}
