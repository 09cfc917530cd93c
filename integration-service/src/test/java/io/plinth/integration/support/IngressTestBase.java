package io.plinth.integration.support;

import io.plinth.test.PlatformInfrastructure;
import io.plinth.test.RealInfrastructure;
import io.plinth.test.security.TestTokens;
import io.plinth.test.security.UseTestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One integration-service context (and one database) for every webhook IT: real PostgreSQL and Kafka, tokens from
 * the test JWKS, both secrets of every provider, and the provider sandbox running as a child process that delivers
 * to this service. The port is chosen before the context starts so the sandbox can start alongside it.
 * Tests use fresh event ids, never an empty database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = "plinth.log.format=text")
@RealInfrastructure
@UseTestTokens
public abstract class IngressTestBase {

    protected static final int PORT = SandboxProcess.freePort();

    static {
        SandboxProcess.start("http://localhost:" + PORT);
        WebhookTopic.start();
    }

    @DynamicPropertySource
    static void ingressSettings(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        TestWebhooks.properties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @Autowired
    protected Environment environment;

    protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    protected static String fresh(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    protected static long now() {
        return Instant.now().getEpochSecond();
    }

    protected URI url(String path) {
        return URI.create("http://localhost:" + PORT + path);
    }

    /** POSTs {@code body} with {@code headers} to the ingress. */
    protected HttpResponse<String> deliver(String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    /** A correctly signed delivery of {@code w}'s event. */
    protected HttpResponse<String> deliverSigned(TestWebhooks w, String eventId, String objectId) {
        byte[] body = w.body(eventId, objectId).getBytes();
        return deliver(w.path(objectId), body, w.sign(now(), body));
    }

    protected HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<String> admin(String method, String path) {
        return send(HttpRequest.newBuilder(url(path))
                .header("Authorization", "Bearer " + TestTokens.admin("admin-1").sign())
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    protected long count(String sql, Object... args) {
        try (Connection c = PlatformInfrastructure.postgres()
                .dataSource(environment.getRequiredProperty("plinth.test.database")).getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** webhook.received rows in the outbox for this provider event (published or not). */
    protected long outboxed(String provider, String providerEventId) {
        return count("select count(*) from outbox where topic = 'plinth.webhooks.v1'"
                + " and event->'data'->>'provider' = ? and event->'data'->>'providerEventId' = ?", provider, providerEventId);
    }
}
