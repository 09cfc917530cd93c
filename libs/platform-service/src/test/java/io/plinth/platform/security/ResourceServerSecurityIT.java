package io.plinth.platform.security;

import java.util.Map;

import io.plinth.test.security.TestTokens;
import io.plinth.test.security.UseTestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The resource-server chain every service gets, against a real HTTP server and the TestTokens JWKS.
 * No database is needed for this, so the data auto-configurations are left out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = ResourceServerSecurityIT.App.class,
        properties = {
                "eureka.client.enabled=false",
                "spring.cloud.discovery.enabled=false",
                "spring.kafka.listener.auto-startup=false",
                "spring.autoconfigure.exclude="
                        + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                        + "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration,"
                        + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration,"
                        + "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"
        })
@UseTestTokens
class ResourceServerSecurityIT {

    @LocalServerPort
    int port;

    @Autowired
    CrossAppTokenVerifier crossAppTokenVerifier;

    WebTestClient client() {
        // Generous: the first request of a cold JVM on a shared 2-core box can take seconds.
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(java.time.Duration.ofSeconds(30)).build();
    }

    @Test
    void validUserTokenReachesHandlerWithCurrentUser() {
        String token = TestTokens.user("u-1").tenant("t-9").sign();
        client().get().uri("/api/v1/probe/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.userId").isEqualTo("u-1")
                .jsonPath("$.tenantId").isEqualTo("t-9")
                .jsonPath("$.admin").isEqualTo(false)
                .jsonPath("$.fromContext").isEqualTo("u-1");
    }

    @Test
    void missingTokenIs401ProblemJson() {
        client().get().uri("/api/v1/probe/me").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.code").isEqualTo("unauthorized");
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> badTokens() {
        TestTokens.Builder b = TestTokens.user("u-1");
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("expired", b.expired()),
                org.junit.jupiter.params.provider.Arguments.of("tampered", b.tampered()),
                org.junit.jupiter.params.provider.Arguments.of("alg none", b.algNone()),
                org.junit.jupiter.params.provider.Arguments.of("hs256 with public key", b.hs256()),
                org.junit.jupiter.params.provider.Arguments.of("wrong audience", b.wrongAudience()),
                org.junit.jupiter.params.provider.Arguments.of("unknown kid", b.unknownKid()),
                org.junit.jupiter.params.provider.Arguments.of("app token as bearer",
                        TestTokens.app("app-1", "u-1", "consume_credits").sign()),
                org.junit.jupiter.params.provider.Arguments.of("garbage", "not.a.jwt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void badTokensAre401ProblemJson(String kind, String token) {
        client().get().uri("/api/v1/probe/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .expectBody()
                .jsonPath("$.code").isEqualTo("invalid_token")
                .jsonPath("$.status").isEqualTo(401);
    }

    @Test
    void adminRouteIs403ForUserAnd200ForAdmin() {
        client().get().uri("/api/v1/probe/admin")
                .headers(h -> h.setBearerAuth(TestTokens.user("u-1").sign())).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("forbidden");
        client().get().uri("/api/v1/probe/admin")
                .headers(h -> h.setBearerAuth(TestTokens.admin("a-1").sign())).exchange()
                .expectStatus().isOk();
    }

    @Test
    void scopedRouteNeedsTheScope() {
        client().get().uri("/api/v1/probe/scoped")
                .headers(h -> h.setBearerAuth(TestTokens.user("u-1").scopes("read_credits").sign())).exchange()
                .expectStatus().isForbidden();
        client().get().uri("/api/v1/probe/scoped")
                .headers(h -> h.setBearerAuth(TestTokens.user("u-1").scopes("read_credits", "consume_credits").sign()))
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    void publicPathNeedsNoToken() {
        client().get().uri("/actuator/health/liveness").exchange()
                .expectStatus().value(status -> assertThat(status).isNotIn(401, 403));
    }

    @Test
    void anExpiredOrBadTokenOnAPublicPathIsIgnoredNotA401() {
        // e.g. logout: the refresh token in the body is the credential; a stale access token sent along
        // by habit must not turn the call into a 401.
        for (String stale : new String[]{TestTokens.user("u-1").expired(), "garbage"}) {
            client().get().uri("/actuator/health/liveness").headers(h -> h.setBearerAuth(stale)).exchange()
                    .expectStatus().isOk();
        }
        // Everywhere else a bad token is still a 401.
        client().get().uri("/api/v1/probe/me").headers(h -> h.setBearerAuth(TestTokens.user("u-1").expired()))
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void crossAppVerifierAcceptsOnlyTheNamedApp() {
        String token = TestTokens.app("app-1", "u-1", "read_credits").sign();
        StepVerifier.create(crossAppTokenVerifier.verify(token, "app-1"))
                .assertNext(user -> {
                    assertThat(user.userId()).isEqualTo("u-1");
                    assertThat(user.appId()).isEqualTo("app-1");
                    assertThat(user.hasScope("read_credits")).isTrue();
                    assertThat(user.hasScope("consume_credits")).isFalse();
                })
                .verifyComplete();
        StepVerifier.create(crossAppTokenVerifier.verify(token, "app-2"))
                .expectError(CrossAppTokenVerifier.InvalidSessionTokenException.class).verify();
        StepVerifier.create(crossAppTokenVerifier.verify(TestTokens.user("u-1").sign(), "app-1"))
                .expectError(CrossAppTokenVerifier.InvalidSessionTokenException.class).verify();
        StepVerifier.create(crossAppTokenVerifier.verify(
                        TestTokens.app("app-1", "u-1", "read_credits").expired(), "app-1"))
                .expectError(CrossAppTokenVerifier.InvalidSessionTokenException.class).verify();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @RestController
        static class Probe {
            @GetMapping("/api/v1/probe/me")
            Mono<Map<String, Object>> me(CurrentUser user) {
                return CurrentUser.get().map(ctx -> Map.of("userId", user.userId(), "tenantId", user.tenantId(),
                        "admin", user.isAdmin(), "fromContext", ctx.userId()));
            }

            @AdminOnly
            @GetMapping("/api/v1/probe/admin")
            Mono<String> admin() {
                return Mono.just("ok");
            }

            @RequiresScope("consume_credits")
            @GetMapping("/api/v1/probe/scoped")
            Mono<String> scoped() {
                return Mono.just("ok");
            }
        }
    }
}
