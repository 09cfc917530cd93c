package io.plinth.payment.support;

import io.plinth.events.payment.PaymentSucceeded;
import io.plinth.test.PlatformInfrastructure;
import io.plinth.test.RealInfrastructure;
import io.plinth.test.security.TestTokens;
import io.plinth.test.security.UseTestTokens;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One Spring context (and one database) for every payment-service IT: real PostgreSQL and Kafka, the
 * provider sandbox as a child JVM, tokens from the test JWKS. Unless {@code -Dplinth.blockhound=false},
 * libs/platform-test installs BlockHound (with Reactor's and Netty's integrations) for the whole JVM: a
 * blocking call on an event-loop thread (say, the Stripe SDK off its scheduler) then fails the request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "plinth.log.format=text",
        "plinth.payments.stripe.secret-key=" + Sandbox.SECRET_KEY,
        "resilience4j.timelimiter.instances.stripe.timeout-duration=3s",
        "resilience4j.retry.instances.stripe.wait-duration=50ms",
        "resilience4j.retry.instances.mpesa.wait-duration=50ms",
        "resilience4j.timelimiter.instances.mpesa.timeout-duration=3s",
        "resilience4j.timelimiter.instances.pipit.timeout-duration=3s",
        "plinth.payments.pipit.api-key=pipit_test_it",
        // Nothing listens there: the tests deliver the callbacks themselves, as the ingress would.
        "plinth.payments.mpesa.callback-base-url=http://localhost:9",
        "plinth.payments.mpesa.timeout=5s",
        "plinth.payments.mpesa.sweep-interval=1h"})
@RealInfrastructure
@UseTestTokens
public abstract class IntegrationTestBase {

    public static final String TENANT = TestTokens.DEFAULT_TENANT;

    @DynamicPropertySource
    static void sandbox(DynamicPropertyRegistry registry) {
        registry.add("plinth.payments.stripe.api-base", () -> SandboxProcess.baseUri().toString());
        registry.add("plinth.payments.mpesa.api-base", () -> SandboxProcess.baseUri().toString());
        registry.add("plinth.payments.pipit.api-base", () -> SandboxProcess.baseUri().toString());
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected Environment environment;

    protected WebTestClient http;
    protected final Sandbox sandbox = new Sandbox(SandboxProcess.baseUri());
    protected static WebhookPublisher webhooks;

    @BeforeAll
    static void webhookPublisher() {
        webhooks = new WebhookPublisher(PlatformInfrastructure.kafka().bootstrapServers());
    }

    @AfterAll
    static void closePublisher() {
        webhooks.close();
    }

    @Autowired
    private CircuitBreakerRegistry circuitBreakers;

    /** A test that takes a provider down must not leave the next test facing an open breaker. */
    @AfterEach
    void closeBreakers() {
        circuitBreakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
    }

    private static volatile boolean catalogSynced;

    @BeforeEach
    void httpClient() {
        http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60)).build();
    }

    /**
     * The service syncs its catalog to Stripe in the background after start-up; tests that take Stripe down
     * must not do it under that sync, so every test starts once the last catalog price exists in the sandbox.
     */
    @BeforeEach
    void catalogInStripe() {
        if (!catalogSynced) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                    sandbox.stripeGet("/v1/prices?lookup_keys[0]=premium-monthly-usd&lookup_keys[1]=export-4k-usd"
                            + "&lookup_keys[2]=course-intro-to-video-usd").get("data").size() == 3);
            catalogSynced = true;
        }
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

    protected long count(String sql, Object... args) {
        List<List<Object>> rows = query(sql, args);
        return rows.isEmpty() ? 0 : ((Number) rows.get(0).get(0)).longValue();
    }

    protected List<List<Object>> query(String sql, Object... args) {
        try (Connection c = database().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<List<Object>> rows = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int col = 1; col <= columns; col++) {
                        row.add(rs.getObject(col));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The one {@code payment.succeeded} about this payment as credit-service and video-service get it: read back from
     * Kafka once the outbox relay has published it.
     */
    protected PaymentSucceeded publishedSucceeded(String paymentId) {
        PublishedEvents published = new PublishedEvents(PlatformInfrastructure.kafka().bootstrapServers());
        List<PaymentSucceeded> events = org.awaitility.Awaitility.await("payment.succeeded of " + paymentId + " on Kafka")
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> published.about(paymentId, PaymentSucceeded.class), found -> !found.isEmpty());
        return events.get(0);
    }

    /** Outbox rows of one type about one payment (the events other services will see). */
    protected long outboxEvents(String paymentId, String type) {
        return count("SELECT count(*) FROM outbox WHERE key = ? AND event->>'type' = ?", paymentId, type);
    }

    protected String paymentStatus(String paymentId) {
        List<List<Object>> rows = query("SELECT status FROM payments WHERE id = ?::uuid", paymentId);
        return rows.isEmpty() ? null : (String) rows.get(0).get(0);
    }
}
