package io.plinth.auth.account;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.plinth.auth.AuthServiceITSupport;
import io.plinth.events.EventEnvelope;
import io.plinth.events.user.UserEmailVerificationRequested;
import io.plinth.events.user.UserPasswordResetRequested;
import io.plinth.events.user.UserRegistered;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

class AccountsIT extends AuthServiceITSupport {

    @Test
    void registerLoginAndMeHappyPath() {
        String email = uniqueEmail();
        client().post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", PASSWORD, "phone", "+254712345678"))
                .exchange()
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.userId").isNotEmpty()
                .jsonPath("$.email").isEqualTo(email)
                .jsonPath("$.tier").isEqualTo("free");

        Map<String, Object> tokens = login(email, PASSWORD);
        assertThat(tokens).containsEntry("tokenType", "Bearer").containsEntry("expiresIn", 900);
        assertThat((String) tokens.get("refreshToken")).startsWith("rt_");

        client().get().uri("/api/v1/auth/me").headers(h -> h.setBearerAuth((String) tokens.get("accessToken")))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.email").isEqualTo(email)
                .jsonPath("$.phone").isEqualTo("254712345678")
                .jsonPath("$.tenantId").isEqualTo("default")
                .jsonPath("$.roles[0]").isEqualTo("USER")
                .jsonPath("$.emailVerified").isEqualTo(false);
    }

    @Test
    void duplicateEmailIs409WhateverTheCase() {
        String email = uniqueEmail();
        register(email);
        client().post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email.toUpperCase(), "password", PASSWORD))
                .exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("email_taken");
    }

    @Test
    void weakPasswordIs422NamingTheField() {
        client().post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", uniqueEmail(), "password", "short"))
                .exchange()
                .expectStatus().isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("password")
                .jsonPath("$.errors[0].code").isEqualTo("too_short");
        client().post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", uniqueEmail(), "password", "Password123"))
                .exchange()
                .expectStatus().isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("password")
                .jsonPath("$.errors[0].code").isEqualTo("too_common");
    }

    @Test
    void badEmailAndPhoneAre422NamingEachField() {
        client().post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "not-an-email", "password", PASSWORD, "phone", "0712"))
                .exchange()
                .expectStatus().isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'email')]").exists()
                .jsonPath("$.errors[?(@.field == 'phone')]").exists();
    }

    @Test
    void malformedJsonIs400() {
        client().post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\": \"x@example.com\", \"password\": ")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void meWithoutTokenIs401() {
        client().get().uri("/api/v1/auth/me").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void registrationPublishesUserEventsExactlyOnce() {
        String email = uniqueEmail();
        String userId = register(email);
        List<EventEnvelope> registered = awaitUserEvents(
                e -> e.subject().equals(userId) && e.type().equals(UserRegistered.TYPE), 1);
        awaitUserEvents(e -> e.subject().equals(userId) && e.type().equals(UserEmailVerificationRequested.TYPE), 1);
        assertThat(registered.get(0).dataAs(UserRegistered.class).email()).isEqualTo(email);
        assertThat(registered.get(0).tenantId()).isEqualTo("default");
        // Further polling finds no second copy.
        assertThat(drainUserEvents(e -> e.subject().equals(userId))).hasSize(2);
    }

    @Test
    void userEventsCarryNoTokenThatAnotherConsumerOfTheTopicCouldUse() {
        String email = uniqueEmail();
        String userId = register(email);
        requestReset(email);
        EventEnvelope verification = awaitUserEvents(e -> e.subject().equals(userId)
                && e.type().equals(UserEmailVerificationRequested.TYPE), 1).get(0);
        EventEnvelope reset = awaitUserEvents(e -> e.subject().equals(userId)
                && e.type().equals(UserPasswordResetRequested.TYPE), 1).get(0);

        // Any consumer of plinth.users.v1 sees these values: none of them verifies an email or resets a password.
        for (EventEnvelope event : List.of(verification, reset)) {
            event.data().properties().forEach(field -> {
                if (field.getValue().isString()) {
                    verify(field.getValue().asString()).expectStatus().isBadRequest();
                    confirm(field.getValue().asString(), "an attacker's passphrase").expectStatus().isBadRequest();
                }
            });
        }
        login(email, PASSWORD);

        // The mailer, holding the mail-token key, can open them.
        verify(verificationToken(verification)).expectStatus().isNoContent();
        confirm(resetToken(reset), "a brand new passphrase").expectStatus().isNoContent();
        login(email, "a brand new passphrase");
    }

    @Test
    void emailVerificationTokenIsSingleUse() {
        String email = uniqueEmail();
        String userId = register(email);
        String token = verificationToken(awaitUserEvents(e -> e.subject().equals(userId)
                && e.type().equals(UserEmailVerificationRequested.TYPE), 1)
                .get(0));

        verify(token).expectStatus().isNoContent();
        verify(token).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_or_expired_token");
        client().get().uri("/api/v1/auth/me").headers(h -> h.setBearerAuth(accessToken(email)))
                .exchange().expectBody().jsonPath("$.emailVerified").isEqualTo(true);
    }

    @Test
    void emailVerificationTokenExpires() {
        String userId = register(uniqueEmail());
        String token = verificationToken(awaitUserEvents(e -> e.subject().equals(userId)
                && e.type().equals(UserEmailVerificationRequested.TYPE), 1)
                .get(0));
        clock.advance(Duration.ofHours(24).plusMinutes(1));
        verify(token).expectStatus().isBadRequest();
    }

    @Test
    void passwordResetIsSingleUseExpiresAndChangesThePassword() {
        String email = uniqueEmail();
        String userId = register(email);
        Map<String, Object> before = login(email, PASSWORD);

        requestReset(email);
        String token = resetToken(awaitUserEvents(e -> e.subject().equals(userId)
                && e.type().equals(UserPasswordResetRequested.TYPE), 1)
                .get(0));

        confirm(token, "password").expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("newPassword");
        confirm(token, "a brand new passphrase").expectStatus().isNoContent();
        confirm(token, "another new passphrase").expectStatus().isBadRequest();

        loginAttempt(email, PASSWORD, uniqueAddress()).expectStatus().isUnauthorized();
        login(email, "a brand new passphrase");
        // The reset ended the sessions that existed before it.
        client().post().uri("/api/v1/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refreshToken", before.get("refreshToken")))
                .exchange().expectStatus().isUnauthorized();

        requestReset(email);
        String second = resetToken(awaitUserEvents(e -> e.subject().equals(userId)
                && e.type().equals(UserPasswordResetRequested.TYPE), 2)
                .get(1));
        clock.advance(Duration.ofMinutes(31));
        confirm(second, "yet another passphrase").expectStatus().isBadRequest();
    }

    @Test
    void passwordResetForUnknownEmailLooksTheSame() {
        requestReset(uniqueEmail());
    }

    private void requestReset(String email) {
        client().post().uri("/api/v1/auth/password-reset").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email))
                .exchange().expectStatus().isAccepted();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec verify(String token) {
        return client().post().uri("/api/v1/auth/email/verify").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", token)).exchange();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec confirm(String token, String pw) {
        return client().post().uri("/api/v1/auth/password-reset/confirm").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", token, "newPassword", pw)).exchange();
    }
}
