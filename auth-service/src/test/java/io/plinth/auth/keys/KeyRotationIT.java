package io.plinth.auth.keys;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.plinth.auth.AuthServiceITSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class KeyRotationIT extends AuthServiceITSupport {

    @Autowired
    KeyRing keyRing;

    @Test
    void rotationSignsWithTheNewKeyAndOldTokensStayValidUntilTheyExpire() {
        String email = uniqueEmail();
        register(email);
        String before = accessToken(email);
        String oldKid = kid(before);

        String newKid = (String) client().post().uri("/api/v1/admin/keys/rotate")
                .headers(h -> h.setBearerAuth(adminToken()))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("kid");
        assertThat(newKid).isNotEqualTo(oldKid);

        String after = accessToken(email);
        assertThat(kid(after)).isEqualTo(newKid);
        assertThat(publishedKids()).contains(oldKid, newKid);
        me(before).expectStatus().isOk();
        me(after).expectStatus().isOk();

        // Past the longest token lifetime (+ skew) the old key leaves the JWKS, and its tokens are expired anyway.
        clock.advance(Duration.ofMinutes(17));
        keyRing.reload().block();
        assertThat(publishedKids()).contains(newKid).doesNotContain(oldKid);
        me(before).expectStatus().isUnauthorized();
    }

    @Test
    void anEmergencyRotationDropsTheSuspectKeyFromTheJwksAtOnce() {
        String email = uniqueEmail();
        register(email);
        String before = accessToken(email);
        String suspect = kid(before);

        String newKid = (String) client().post().uri("/api/v1/admin/keys/rotate")
                .headers(h -> h.setBearerAuth(adminToken()))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("emergency", true))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("kid");

        // No 16-minute grace: the suspect key is gone now, and what it signed no longer verifies.
        assertThat(publishedKids()).contains(newKid).doesNotContain(suspect);
        me(before).expectStatus().isUnauthorized();
        me(accessToken(email)).expectStatus().isOk();
        // Every stored key other than the new one is retired, so a reload on any replica agrees.
        keyRing.reload().block();
        assertThat(publishedKids()).containsExactly(newKid);
    }

    @Test
    void privateKeysSurviveARestartOfTheKeyRing() {
        String email = uniqueEmail();
        register(email);
        String token = accessToken(email);
        String kid = keyRing.currentKid();
        // A restart re-reads and decrypts the stored keys: same signer, issued tokens still verify.
        keyRing.reload().block();
        assertThat(keyRing.currentKid()).isEqualTo(kid);
        me(token).expectStatus().isOk();
    }

    @Test
    void rotationIsForAdminsOnly() {
        String email = uniqueEmail();
        register(email);
        client().post().uri("/api/v1/admin/keys/rotate").headers(h -> h.setBearerAuth(accessToken(email)))
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("forbidden");
    }

    @SuppressWarnings("unchecked")
    private List<String> publishedKids() {
        Map<String, Object> jwks = client().get().uri("/.well-known/jwks.json").exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) jwks.get("keys")).stream().map(k -> (String) k.get("kid")).toList();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec me(String token) {
        return client().get().uri("/api/v1/auth/me").headers(h -> h.setBearerAuth(token)).exchange();
    }

    private static String kid(String jwt) {
        String header = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8);
        return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }
}
