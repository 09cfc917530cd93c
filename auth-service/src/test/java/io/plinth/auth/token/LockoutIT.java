package io.plinth.auth.token;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.plinth.auth.AuthServiceITSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lockout as an attacker tries to abuse it: the address comes from the gateway's header only, an
 * attacker hammering one account locks only themselves, and parallel guesses cannot outrun the count.
 * (The IT context sets address-threshold 8 and account-ceiling 12.)
 */
class LockoutIT extends AuthServiceITSupport {

    @Test
    void anAttackerHammeringAnAccountDoesNotLockItsOwnerOutFromAnotherAddress() {
        String victim = uniqueEmail();
        register(victim);
        String attacker = uniqueAddress();
        for (int i = 0; i < 7; i++) {
            loginAttempt(victim, "guessing passphrase " + i, attacker).expectStatus().value(status ->
                    assertThat(status).isIn(401, 429));
        }
        // The attacker's own address is locked for this account, even with the right password...
        loginAttempt(victim, PASSWORD, attacker).expectStatus().isEqualTo(429)
                .expectBody().jsonPath("$.code").isEqualTo("login_locked");
        // ...but the owner, from anywhere else, is not.
        loginAttempt(victim, PASSWORD, uniqueAddress()).expectStatus().isOk();
    }

    @Test
    void manyAddressesPastTheAccountCeilingSlowTheAccountButNeverLockItsOwnerOut() {
        String victim = uniqueEmail();
        register(victim);
        // 3 addresses x 5 failures = 15, past the ceiling of 12: from here on attempts are slowed, not refused.
        for (int a = 0; a < 3; a++) {
            String attacker = uniqueAddress();
            for (int i = 0; i < 5; i++) {
                loginAttempt(victim, "guessing passphrase " + i, attacker).expectStatus().isUnauthorized();
            }
        }
        loginAttempt(victim, "one more wrong passphrase", uniqueAddress()).expectStatus().isUnauthorized();
        loginAttempt(victim, PASSWORD, uniqueAddress()).expectStatus().isOk();
    }

    @Test
    void theClientAddressIsTheGatewaysHeaderNotAnXForwardedForTheClientChose() {
        String address = uniqueAddress();
        // A sprayer who varies X-Forwarded-For on every request is still one address.
        for (int i = 0; i < 8; i++) {
            String forged = uniqueAddress();
            client().post().uri("/api/v1/auth/login")
                    .header(CLIENT_ADDRESS_HEADER, address)
                    .header("X-Forwarded-For", forged)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("email", uniqueEmail(), "password", "spraying passphrase"))
                    .exchange().expectStatus().isUnauthorized();
        }
        String email = uniqueEmail();
        register(email);
        client().post().uri("/api/v1/auth/login")
                .header(CLIENT_ADDRESS_HEADER, address)
                .header("X-Forwarded-For", uniqueAddress())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", PASSWORD))
                .exchange().expectStatus().isEqualTo(429);
    }

    @Test
    void fiftyConcurrentWrongPasswordsEvaluateAtMostTheAllowedNumber() throws Exception {
        String victim = uniqueEmail();
        register(victim);
        String attacker = uniqueAddress();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Callable<Integer>> attempts = IntStream.range(0, 50).<Callable<Integer>>mapToObj(i -> () ->
                    loginAttempt(victim, "parallel guess " + i, attacker).returnResult(Void.class).getStatus().value())
                    .toList();
            List<Integer> statuses = pool.invokeAll(attempts).stream().map(LockoutIT::get).toList();
            // 401 = the password was evaluated; 429 = refused before any Argon2 work.
            assertThat(statuses).containsOnly(401, 429);
            assertThat(statuses.stream().filter(s -> s == 401).count()).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Integer get(Future<Integer> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
