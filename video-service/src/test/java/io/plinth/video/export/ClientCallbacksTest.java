package io.plinth.video.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The delivery side of the SSRF guard: a callback URL passed {@link CallbackUrls} when the export was
 * requested, but by delivery time its name points inside (DNS rebinding), or its server redirects there.
 * An HTTP server on this machine plays "inside"; each case is delivered twice, once with the same resolver allowing
 * every address (the request arrives: the URL really reaches the server) and once as the service delivers (nothing
 * arrives).
 */
class ClientCallbacksTest {

    private static final String SECRET = "callback-test-secret";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T20:00:00Z"), ZoneOffset.UTC);
    private static final String JSON = "{\"exportId\":\"e-1\",\"exportStatus\":\"completed\"}";
    private static final CallbackResolverGroup ANY_ADDRESS = new CallbackResolverGroup(InetAddress::getAllByName,
            address -> true);

    private HttpServer inside;
    private final Map<String, List<Request>> received = new ConcurrentHashMap<>();

    record Request(String signature, String body) {
    }

    @BeforeEach
    void startInside() throws IOException {
        // Every interface, so loopback by name, by number and over IPv6 all reach it.
        inside = HttpServer.create(new InetSocketAddress(0), 0);
        inside.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.computeIfAbsent(exchange.getRequestURI().getPath(), p -> new CopyOnWriteArrayList<>())
                    .add(new Request(exchange.getRequestHeaders().getFirst("Plinth-Signature"), body));
            if (exchange.getRequestURI().getPath().equals("/redirect")) {
                exchange.getResponseHeaders().add("Location", "http://localhost:" + port() + "/internal");
                exchange.sendResponseHeaders(302, -1);
            } else {
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        inside.start();
    }

    @AfterEach
    void stopInside() {
        inside.stop(0);
    }

    /** Names and numbers that reach this machine's loopback when resolved at delivery time. */
    @ParameterizedTest
    @ValueSource(strings = {
            "localhost",        // a name whose answer is loopback by now
            "2130706433"})      // 127.0.0.1 as one decimal number: not an IP literal to Netty, the JDK resolves it
    void aCallbackWhoseNameResolvesInsideAtDeliveryIsNeverConnected(String host) {
        String url = "http://" + host + ":" + port() + "/cb";

        delivering(new ClientCallbacks(WebClient.builder(), SECRET, Duration.ofSeconds(2), CLOCK, ANY_ADDRESS), url);
        assertThat(requestsTo("/cb")).as("a resolver allowing every address reaches %s", url).hasSize(1);

        delivering(new ClientCallbacks(WebClient.builder(), SECRET, Duration.ofSeconds(2), CLOCK), url);
        assertThat(requestsTo("/cb")).as("the service's delivery to %s", url).hasSize(1);
    }

    @Test
    void aDeliveredCallbackIsSignedWithTheSecret() {
        ClientCallbacks callbacks = new ClientCallbacks(WebClient.builder(), SECRET, Duration.ofSeconds(2), CLOCK,
                ANY_ADDRESS);

        delivering(callbacks, "http://localhost:" + port() + "/cb");

        Request request = requestsTo("/cb").get(0);
        long t = CLOCK.instant().getEpochSecond();
        assertThat(request.body()).isEqualTo(JSON);
        assertThat(request.signature()).isEqualTo("t=" + t + ",v1=" + callbacks.sign(t + "." + JSON))
                .matches("t=\\d+,v1=[0-9a-f]{64}");
    }

    @Test
    void aRedirectIsNotFollowed() {
        // Every address allowed, so the redirect's target is reachable: only not following it keeps it uncalled.
        delivering(new ClientCallbacks(WebClient.builder(), SECRET, Duration.ofSeconds(2), CLOCK, ANY_ADDRESS),
                "http://localhost:" + port() + "/redirect");

        assertThat(requestsTo("/redirect")).hasSize(1);
        assertThat(requestsTo("/internal")).isEmpty();
    }

    private static void delivering(ClientCallbacks callbacks, String url) {
        // Gives up quietly after its attempts (the client can read the export's state): block until then.
        callbacks.notify(url, JSON).block(Duration.ofSeconds(30));
    }

    private List<Request> requestsTo(String path) {
        return received.getOrDefault(path, List.of());
    }

    private int port() {
        return inside.getAddress().getPort();
    }
}
