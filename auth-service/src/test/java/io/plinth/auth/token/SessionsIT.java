package io.plinth.auth.token;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import io.plinth.auth.AuthServiceITSupport;
import io.plinth.test.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

class SessionsIT extends AuthServiceITSupport {

    @Test
    void wrongPasswordAndUnknownEmailGiveTheSame401() {
        String email = uniqueEmail();
        register(email);
        byte[] wrongPassword = loginAttempt(email, "not the right passphrase", uniqueAddress())
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("invalid_credentials")
                .returnResult().getResponseBody();
        byte[] unknownEmail = loginAttempt(uniqueEmail(), "not the right passphrase", uniqueAddress())
                .expectStatus().isUnauthorized()
                .expectBody().returnResult().getResponseBody();
        assertThat(withoutInstance(unknownEmail)).isEqualTo(withoutInstance(wrongPassword));
    }

    @Test
    void repeatedFailuresLockTheAccountFromThatAddressWithGrowingDelaysThenTheLockExpires() {
        String email = uniqueEmail();
        register(email);
        String address = uniqueAddress();
        for (int i = 0; i < 5; i++) {
            loginAttempt(email, "wrong passphrase " + i, address).expectStatus().isUnauthorized();
        }
        // Locked for this address: even the right password gets 429 with Retry-After.
        String retryAfter = loginAttempt(email, PASSWORD, address)
                .expectStatus().isEqualTo(429)
                .expectBody().jsonPath("$.code").isEqualTo("login_locked")
                .returnResult().getResponseHeaders().getFirst("Retry-After");
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 30L);

        clock.advance(Duration.ofSeconds(31));
        loginAttempt(email, "wrong again passphrase", address).expectStatus().isUnauthorized();
        String longer = loginAttempt(email, PASSWORD, address)
                .expectStatus().isEqualTo(429)
                .returnResult(Void.class).getResponseHeaders().getFirst("Retry-After");
        assertThat(Long.parseLong(longer)).isBetween(31L, 60L);

        clock.advance(Duration.ofSeconds(61));
        loginAttempt(email, PASSWORD, address).expectStatus().isOk();
    }

    @Test
    void repeatedFailuresFromOneAddressLockThatAddress() {
        String address = uniqueAddress();
        for (int i = 0; i < 8; i++) {
            loginAttempt(uniqueEmail(), "spraying passphrase", address).expectStatus().isUnauthorized();
        }
        String email = uniqueEmail();
        register(email);
        loginAttempt(email, PASSWORD, address).expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After");
        // Other addresses are not affected.
        login(email, PASSWORD);
    }

    @Test
    void refreshRotatesAndReuseRevokesTheFamily() {
        String email = uniqueEmail();
        register(email);
        String first = (String) login(email, PASSWORD).get("refreshToken");

        Map<String, Object> second = refresh(first).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        String secondRefresh = (String) second.get("refreshToken");
        assertThat(secondRefresh).isNotEqualTo(first);
        assertThat((String) second.get("accessToken")).isNotBlank();

        // The spent token is presented again: someone else holds a copy, so the whole family dies.
        refresh(first).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("refresh_token_reused");
        refresh(secondRefresh).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_refresh_token");
    }

    @Test
    void logoutRevokesTheFamily() {
        String email = uniqueEmail();
        register(email);
        String first = (String) login(email, PASSWORD).get("refreshToken");
        String second = (String) refresh(first).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("refreshToken");
        client().post().uri("/api/v1/auth/logout").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refreshToken", second)).exchange().expectStatus().isNoContent();
        refresh(second).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_refresh_token");
    }

    @Test
    void logoutWorksWhenTheClientSendsItsExpiredAccessTokenAlong() {
        String email = uniqueEmail();
        register(email);
        Map<String, Object> tokens = login(email, PASSWORD);
        clock.advance(Duration.ofMinutes(16));
        client().post().uri("/api/v1/auth/logout").contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth((String) tokens.get("accessToken")))
                .bodyValue(Map.of("refreshToken", tokens.get("refreshToken"))).exchange().expectStatus().isNoContent();
        refresh((String) tokens.get("refreshToken")).expectStatus().isUnauthorized();
    }

    @Test
    void refreshTokenExpires() {
        String email = uniqueEmail();
        register(email);
        String token = (String) login(email, PASSWORD).get("refreshToken");
        clock.advance(Duration.ofDays(30).plusMinutes(1));
        refresh(token).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_refresh_token");
    }

    @Test
    void accessTokenClaimsAreThePlatformsClaims() {
        String email = uniqueEmail();
        String userId = register(email);
        String token = accessToken(email);
        String[] parts = token.split("\\.");
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(header).contains("\"alg\":\"RS256\"").contains("\"kid\":");
        assertThat(payload).contains("\"sub\":\"" + userId + "\"").contains("\"tid\":\"default\"")
                .contains("\"roles\":[\"USER\"]").contains("\"aud\":\"plinth-api\"")
                .contains("\"iat\":").contains("\"exp\":").contains("\"jti\":").contains("\"scope\":");
    }

    @Test
    void forgedTokensAre401AtTheService() {
        String email = uniqueEmail();
        register(email);
        String good = accessToken(email);
        String[] parts = good.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String adminPayload = payload.replace("\"roles\":[\"USER\"]", "\"roles\":[\"USER\",\"ADMIN\"]");
        String tampered = parts[0] + "." + b64(adminPayload) + "." + parts[2];
        String algNone = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        String unknownKid = TestTokens.user("someone").sign();
        String hs256 = TestTokens.user("someone").hs256();

        for (String bad : new String[]{tampered, algNone, unknownKid, hs256, "garbage"}) {
            me(bad).expectStatus().isUnauthorized()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("invalid_token");
        }
        me(good).expectStatus().isOk();
    }

    @Test
    void expiredAccessTokenIs401() {
        String email = uniqueEmail();
        register(email);
        String token = accessToken(email);
        me(token).expectStatus().isOk();
        clock.advance(Duration.ofMinutes(16));
        me(token).expectStatus().isUnauthorized();
    }

    private WebTestClient.ResponseSpec me(String token) {
        return client().get().uri("/api/v1/auth/me").headers(h -> h.setBearerAuth(token)).exchange();
    }

    private WebTestClient.ResponseSpec refresh(String token) {
        return client().post().uri("/api/v1/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refreshToken", token)).exchange();
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String withoutInstance(byte[] body) {
        return new String(body, StandardCharsets.UTF_8).replaceAll("\"(instance|requestId)\":\"[^\"]*\",?", "");
    }
}
