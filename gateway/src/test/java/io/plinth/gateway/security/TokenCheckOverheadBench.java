package io.plinth.gateway.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import io.plinth.test.security.TestTokens;
import io.plinth.test.security.UseTestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not part of the build (no *Test/*IT name): what the edge token check adds to a request.
 * Same gateway, same route (payment-service, {@code /api/v1/payments/**}), same upstream: the public
 * products listing (no check) against a protected path on that route with a valid RS256 token,
 * interleaved, sequential over one keep-alive connection; medians reported.
 * Run: {@code ./mvnw -B -o -pl gateway test -Dtest=TokenCheckOverheadBench -Dsurefire.failIfNoSpecifiedTests=false}
 * Result: {@code gateway/target/token-check-overhead.txt}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false",
        "plinth.gateway.rate-limit.enabled=false",
        "logging.level.root=WARN"
})
@UseTestTokens
class TokenCheckOverheadBench {

    static final DisposableServer UPSTREAM = upstream();
    static final int WARMUP = 3_000;
    static final int SAMPLES = 5_000;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.payment-service[0].uri",
                () -> "http://127.0.0.1:" + UPSTREAM.port());
    }

    @AfterAll
    static void stop() {
        UPSTREAM.disposeNow();
    }

    @LocalServerPort
    int port;

    @Test
    void measure() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String token = TestTokens.user("bench-user").ttl(java.time.Duration.ofHours(1)).sign();
        HttpRequest open = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/payments/products"))
                .GET().build();
        HttpRequest authed = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/payments/history"))
                .header("Authorization", "Bearer " + token).GET().build();
        for (int i = 0; i < WARMUP; i++) {
            call(http, open);
            call(http, authed);
        }
        long[] without = new long[SAMPLES];
        long[] with = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            without[i] = call(http, open);
            with[i] = call(http, authed);
        }
        Arrays.sort(without);
        Arrays.sort(with);
        double medianWithout = without[SAMPLES / 2] / 1e6;
        double medianWith = with[SAMPLES / 2] / 1e6;
        String report = String.format(
                "token check overhead at the gateway (%d interleaved samples after %d warm-up, %d cores, load avg %s)%n"
                        + "median without check: %.3f ms, p90 %.3f ms%n"
                        + "median with check:    %.3f ms, p90 %.3f ms%n"
                        + "median overhead:      %.3f ms%n",
                SAMPLES, WARMUP, Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).trim(),
                medianWithout, without[SAMPLES * 9 / 10] / 1e6, medianWith, with[SAMPLES * 9 / 10] / 1e6,
                medianWith - medianWithout);
        System.out.print(report);
        Files.writeString(Path.of("target/token-check-overhead.txt"), report);
        assertThat(without[0]).isPositive();
    }

    private static long call(HttpClient http, HttpRequest request) throws Exception {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        long elapsed = System.nanoTime() - start;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
        }
        return elapsed;
    }

    /** Reactor Netty (TCP_NODELAY): the JDK HttpServer showed 40 ms delayed-ACK stalls that swamped the signal. */
    private static DisposableServer upstream() {
        return HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> request.receive().then(
                        response.header("Content-Type", "application/json").sendString(Mono.just("{\"ok\":true}")).then()))
                .bindNow();
    }
}
