package io.plinth.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import io.plinth.test.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import io.plinth.auth.account.PasswordHasher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not part of the build (no *Test/*IT name): login time with the production Argon2id
 * parameters (m=19 MiB, t=2, p=1) against the bare hash time, and wrong password against unknown email.
 * Run: {@code ./mvnw -B -o -pl auth-service test -Dtest=LoginTimingBench -Dsurefire.failIfNoSpecifiedTests=false}
 * Result: {@code auth-service/target/login-timing.txt}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "plinth.auth.lockout.account-threshold=1000000",
        "plinth.auth.lockout.address-threshold=1000000",
        "logging.level.root=WARN"
})
@RealInfrastructure
class LoginTimingBench {

    static final int SAMPLES = 30;

    @LocalServerPort
    int port;

    @Autowired
    PasswordHasher hasher;

    @Test
    void measure() throws Exception {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(java.time.Duration.ofSeconds(60)).build();
        String email = "bench-" + UUID.randomUUID() + "@example.com";
        String password = "a perfectly fine passphrase";
        client.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password)).exchange().expectStatus().isCreated();
        String hash = hasher.hashNow(password);

        for (int i = 0; i < 5; i++) {
            login(client, email, password, 200);
        }
        long[] ok = new long[SAMPLES];
        long[] wrongPassword = new long[SAMPLES];
        long[] unknownEmail = new long[SAMPLES];
        long[] verify = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            ok[i] = login(client, email, password, 200);
            wrongPassword[i] = login(client, email, "not the passphrase at all", 401);
            unknownEmail[i] = login(client, "nobody-" + UUID.randomUUID() + "@example.com", password, 401);
            long s = System.nanoTime();
            hasher.verifyOrBurn(password, hash).block();
            verify[i] = System.nanoTime() - s;
        }
        String report = String.format("login timing, Argon2id m=19456 KiB t=2 p=1, %d samples each, load avg %s%n"
                        + "argon2 verify alone: median %.1f ms%n"
                        + "login ok:            median %.1f ms%n"
                        + "wrong password:      median %.1f ms%n"
                        + "unknown email:       median %.1f ms%n",
                SAMPLES, Files.readString(Path.of("/proc/loadavg")).trim(),
                median(verify), median(ok), median(wrongPassword), median(unknownEmail));
        System.out.print(report);
        Files.writeString(Path.of("target/login-timing.txt"), report);
        assertThat(median(ok)).isPositive();
    }

    private static long login(WebTestClient client, String email, String password, int status) {
        long start = System.nanoTime();
        client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .header(AuthServiceITSupport.CLIENT_ADDRESS_HEADER, "10.9.9.9")
                .bodyValue(Map.of("email", email, "password", password))
                .exchange().expectStatus().isEqualTo(status);
        return System.nanoTime() - start;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }
}
