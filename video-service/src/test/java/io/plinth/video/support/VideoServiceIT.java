package io.plinth.video.support;

import io.plinth.test.ObjectStore;
import io.plinth.test.PlatformInfrastructure;
import io.plinth.test.RealInfrastructure;
import io.plinth.test.security.TestTokens;
import io.plinth.test.security.UseTestTokens;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One Spring context (one database) for every video-service IT: real PostgreSQL and Kafka, S3Proxy
 * as object storage, tokens from the test JWKS, credit-service's holds played by
 * {@link CreditServiceStandIn} and found through service discovery. Tests use fresh user ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "plinth.video.generation.workers=1",
        "plinth.video.generation.poll-interval=100ms",
        "plinth.video.generation.lease-duration=PT5S",
        "plinth.video.generation.max-attempts=2",
        "plinth.video.generation.retry-backoff=PT0.1S",
        "plinth.log.format=text"})
@RealInfrastructure
@UseTestTokens
@Import(VideoServiceIT.TestBeans.class)
public abstract class VideoServiceIT {

    protected static final String TENANT = TestTokens.DEFAULT_TENANT;

    protected static final CreditServiceStandIn CREDITS = new CreditServiceStandIn();

    protected static final IngressStandIn INGRESS = new IngressStandIn();

    private static VideoEvents events;

    @TestConfiguration(proxyBeanMethods = false)
    static class TestBeans {
        @Bean
        @Primary
        ScriptedRenderer scriptedRenderer() {
            return new ScriptedRenderer();
        }
    }

    @DynamicPropertySource
    static void outside(DynamicPropertyRegistry registry) {
        registry.add("plinth.video.storage.endpoint", () -> ObjectStore.endpoint().toString());
        registry.add("plinth.video.storage.access-key", () -> ObjectStore.IDENTITY);
        registry.add("plinth.video.storage.secret-key", () -> ObjectStore.CREDENTIAL);
        registry.add("plinth.video.storage.bucket", () -> "videos-it");
        // Service discovery on (Eureka stays off): credit-service is the stand-in, by name.
        registry.add("spring.cloud.discovery.enabled", () -> "true");
        registry.add("spring.cloud.discovery.client.simple.instances.credit-service[0].uri", CREDITS::uri);
        registry.add("plinth.video.vdocipher.base-url", () -> SandboxProcess.baseUri().toString());
        registry.add("plinth.video.vdocipher.api-secret", () -> SandboxProcess.VDOCIPHER_SECRET);
        registry.add("plinth.video.capcut.base-url", () -> SandboxProcess.baseUri().toString());
        registry.add("plinth.video.capcut.webhook-url", INGRESS::capCutWebhookUrl);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected Environment environment;

    @Autowired
    protected ScriptedRenderer renderer;

    @Autowired
    private CircuitBreakerRegistry breakers;

    protected WebTestClient http;

    @BeforeEach
    void freshClients() {
        http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
        CREDITS.reset();
        breakers.circuitBreaker("credit-service").reset();
    }

    @AfterAll
    static void closeEvents() {
        if (events != null) {
            events.close();
            events = null;
        }
    }

    protected VideoEvents events() {
        if (events == null) {
            events = new VideoEvents(PlatformInfrastructure.kafka().bootstrapServers());
        }
        return events;
    }

    protected static String newUser() {
        return "u-" + UUID.randomUUID();
    }

    protected static String tokenFor(String userId) {
        return TestTokens.user(userId).sign();
    }

    protected DataSource database() {
        return PlatformInfrastructure.postgres().dataSource(environment.getRequiredProperty("plinth.test.database"));
    }

    protected long queryLong(String sql, Object... args) {
        try (Connection c = database().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    protected int execute(String sql, Object... args) {
        try (Connection c = database().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
