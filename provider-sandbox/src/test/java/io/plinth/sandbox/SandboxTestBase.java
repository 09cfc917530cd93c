package io.plinth.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One sandbox context for every test class of this module, its webhooks pointed at a {@link WebhookReceiver}
 * that lives as long as the test JVM, with a quick retry schedule.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
public abstract class SandboxTestBase {

    protected static final WebhookReceiver RECEIVER = new WebhookReceiver();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(RECEIVER::close));
    }

    @DynamicPropertySource
    static void pointWebhooksAtTheReceiver(DynamicPropertyRegistry registry) {
        registry.add("plinth.sandbox.webhook-base-url", () -> "http://127.0.0.1:" + RECEIVER.port());
        registry.add("plinth.sandbox.webhooks.stripe.secrets", () -> "whsec_test_current,whsec_test_previous");
        registry.add("plinth.sandbox.webhooks.docusign.url", () -> "http://127.0.0.1:" + RECEIVER.port() + "/connect");
        registry.add("plinth.sandbox.delivery.initial-backoff", () -> "20ms");
        registry.add("plinth.sandbox.delivery.max-backoff", () -> "100ms");
        registry.add("plinth.sandbox.delivery.max-attempts", () -> "4");
    }

    @LocalServerPort
    protected int port;

    private final HttpClient http = HttpClient.newHttpClient();

    protected HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .POST(json.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> delete(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Requests that reached {@code path} with {@code fragment} in their body. */
    protected static List<WebhookReceiver.Received> receivedAt(String path, String fragment) {
        return RECEIVER.at(path).stream()
                .filter(r -> new String(r.body(), StandardCharsets.UTF_8).contains(fragment)).toList();
    }
}
