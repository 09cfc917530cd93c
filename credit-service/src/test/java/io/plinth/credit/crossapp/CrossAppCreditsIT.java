package io.plinth.credit.crossapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.plinth.credit.support.IntegrationTestBase;
import io.plinth.credit.refusal.CreditException;
import io.plinth.credit.refusal.Refusal;
import io.plinth.platform.security.CrossAppTokenVerifier;
import io.plinth.platform.security.PlinthSecurityProperties;
import io.plinth.test.security.TestTokens;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.test.StepVerifier;

/** Registered apps act for their users with a session token in the body, within its scopes. */
class CrossAppCreditsIT extends IntegrationTestBase {

    private static final String APP = "app-" + UUID.randomUUID();

    private String session(String user, String... scopes) {
        return TestTokens.app(APP, user, scopes).clock(clock).sign();
    }

    @Test
    void anAppWithReadCreditsSeesTheBalance() {
        String user = newUser();
        grant(user, 12);

        check(session(user, "read_credits"), APP, 10).expectStatus().isOk()
                .expectBody().jsonPath("$.currentBalance").isEqualTo(12)
                .jsonPath("$.hasSufficientCredits").isEqualTo(true);
        check(session(user, "read_credits"), APP, 13).expectStatus().isOk()
                .expectBody().jsonPath("$.hasSufficientCredits").isEqualTo(false);
    }

    @Test
    void anAppWithConsumeCreditsSpendsForItsUser() {
        String user = newUser();
        grant(user, 12);

        consume(session(user, "read_credits", "consume_credits"), APP, 5).expectStatus().isOk()
                .expectBody().jsonPath("$.newBalance").isEqualTo(7).jsonPath("$.transactionId").isNotEmpty();
        assertThat(balance(user).balance()).isEqualTo(7);
        consume(session(user, "consume_credits"), APP, 8).expectStatus().isEqualTo(402);
    }

    @Test
    void anAppWithoutConsumeCreditsIs403() {
        String user = newUser();
        grant(user, 12);

        consume(session(user, "read_credits"), APP, 5).expectStatus().isForbidden()
                .expectHeader().contentType("application/problem+json");
        assertThat(balance(user).balance()).isEqualTo(12);
        check(session(user, "consume_credits"), APP, 1).expectStatus().isForbidden();
    }

    @Test
    void aUserOfAnotherTenantIs404() {
        String user = newUser();
        grant(user, 12);
        String otherTenant = TestTokens.app(APP, user, "read_credits", "consume_credits").tenant("tenant-b")
                .clock(clock).sign();

        check(otherTenant, APP, 1).expectStatus().isNotFound();
        consume(otherTenant, APP, 1).expectStatus().isNotFound();
        assertThat(balance(user).balance()).isEqualTo(12);
    }

    @Test
    void aTokenForAnotherAppOrAForgedOneIs401() {
        String user = newUser();
        grant(user, 12);

        check(session(user, "read_credits"), "some-other-app", 1).expectStatus().isUnauthorized();
        check(TestTokens.app(APP, user, "read_credits").tampered(), APP, 1).expectStatus().isUnauthorized();
        check(TestTokens.user(user).clock(clock).sign(), APP, 1).expectStatus().isUnauthorized();
    }

    @Test
    void aRevokedAppIsRefusedAtOnceThoughItsTokensHaveNotExpired() {
        String revokedApp = "app-" + UUID.randomUUID();
        String user = newUser();
        grant(user, 12);
        String session = TestTokens.app(revokedApp, user, "read_credits", "consume_credits").clock(clock).sign();
        consume(session, revokedApp, 2).expectStatus().isOk();

        TestTokens.revokeApp(revokedApp);

        consume(session, revokedApp, 2).expectStatus().isUnauthorized()
                .expectHeader().contentType("application/problem+json");
        check(session, revokedApp, 1).expectStatus().isUnauthorized();
        assertThat(balance(user).balance()).isEqualTo(10);
    }

    @Test
    void nobodyCanPreClaimAnAppsIdempotencyKey() {
        String user = newUser();
        grant(user, 12);
        String key = UUID.randomUUID().toString();
        // An attacker who guesses or sees the key the app will use sends it first, without a valid session...
        consume(TestTokens.app(APP, user, "consume_credits").tampered(), APP, 1, key).expectStatus().isUnauthorized();
        consume("not-a-token", APP, 1, key).expectStatus().isUnauthorized();
        // ...and the app's real spend with that key still goes through.
        consume(session(user, "consume_credits"), APP, 5, key).expectStatus().isOk()
                .expectBody().jsonPath("$.newBalance").isEqualTo(7);
        assertThat(balance(user).balance()).isEqualTo(7);
    }

    @Test
    void twoAppsThatChooseTheSameKeyDoNotCollide() {
        String otherApp = "app-" + UUID.randomUUID();
        String user = newUser();
        grant(user, 12);
        String key = "order-1001";
        String appSession = session(user, "consume_credits");
        consume(appSession, APP, 2, key).expectStatus().isOk();
        consume(TestTokens.app(otherApp, user, "consume_credits").clock(clock).sign(), otherApp, 3, key)
                .expectStatus().isOk().expectBody().jsonPath("$.newBalance").isEqualTo(7);
        // The same app and user repeating the key is still a replay, not a second spend.
        consume(appSession, APP, 2, key).expectStatus().isOk()
                .expectHeader().valueEquals("Idempotent-Replayed", "true");
        assertThat(balance(user).balance()).isEqualTo(7);
    }

    @Autowired
    CrossAppTokenVerifier verifier;
    @Autowired
    WebClient.Builder webClients;
    @Autowired
    PlinthSecurityProperties security;

    @Test
    void whenAuthServiceCannotConfirmTheSessionItIsA503NotASpend() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AppSessions unreachable = new AppSessions(verifier, webClients, security, CircuitBreakerRegistry.ofDefaults(),
                "http://127.0.0.1:" + closedPort + "/api/v1/cross-app/validate-token", Duration.ofSeconds(1));

        StepVerifier.create(unreachable.current(session(newUser(), "consume_credits"), APP))
                .expectErrorSatisfies(e -> {
                    // A domain refusal: CreditProblemMapping makes it the 503 with Retry-After.
                    assertThat(e).isInstanceOf(CreditException.class);
                    assertThat(((CreditException) e).reason()).isEqualTo(Refusal.AUTH_UNAVAILABLE);
                    assertThat(((CreditException) e).retryAfter()).contains(Duration.ofSeconds(5));
                })
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void aMissingFieldIs422NamingIt() {
        http.post().uri("/api/v1/cross-app/credits/check").bodyValue(Map.of("appId", APP))
                .exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("sessionToken");
    }

    private WebTestClient.ResponseSpec check(String token, String appId, long required) {
        return http.post().uri("/api/v1/cross-app/credits/check")
                .bodyValue(Map.of("sessionToken", token, "appId", appId, "requiredCredits", required))
                .exchange();
    }

    private WebTestClient.ResponseSpec consume(String token, String appId, long credits) {
        return consume(token, appId, credits, UUID.randomUUID().toString());
    }

    private WebTestClient.ResponseSpec consume(String token, String appId, long credits, String idempotencyKey) {
        return http.post().uri("/api/v1/cross-app/credits/consume")
                .header("Idempotency-Key", idempotencyKey)
                .bodyValue(Map.of("sessionToken", token, "appId", appId, "credits", credits, "service", "quiz-grading"))
                .exchange();
    }
}
