package io.plinth.credit.support;

import io.plinth.credit.ledger.LedgerService;
import io.plinth.credit.ledger.TransferKind;
import io.plinth.credit.ledger.TransferRequest;
import io.plinth.credit.ledger.WalletQueries;
import io.plinth.test.MutableClock;
import io.plinth.test.PlatformInfrastructure;
import io.plinth.test.RealInfrastructure;
import io.plinth.test.security.TestTokens;
import io.plinth.test.security.UseTestTokens;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One Spring context (and one database) for every credit-service IT: real PostgreSQL and Kafka,
 * tokens from the test JWKS, and a clock the tests can move. Tests use fresh user ids, never an
 * empty database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "plinth.credits.sweep-interval=PT1H",
        "plinth.credits.invariant-check-initial-delay=PT1H",
        "plinth.log.format=text"})
@RealInfrastructure
@UseTestTokens
@Import(IntegrationTestBase.TestClock.class)
public abstract class IntegrationTestBase {

    public static final String TENANT = TestTokens.DEFAULT_TENANT;

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock();
        }
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected LedgerService ledger;

    @Autowired
    protected WalletQueries queries;

    @Autowired
    protected Environment environment;

    protected WebTestClient http;

    @BeforeEach
    void httpClient() {
        http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60)).build();
    }

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    protected static String newUser() {
        return "u-" + UUID.randomUUID();
    }

    protected String tokenFor(String userId) {
        return TestTokens.user(userId).clock(clock).sign();
    }

    protected void grant(String userId, long credits) {
        ledger.post(new TransferRequest("test-grant:" + UUID.randomUUID(), TENANT, userId, TransferKind.ADMIN_GRANT,
                credits, "test funding", Map.of(), null)).block();
    }

    protected WalletQueries.Balance balance(String userId) {
        return queries.balance(TENANT, userId).block();
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

    /** The first row of a query, column name to value (JDBC types). */
    protected Map<String, Object> queryRow(String sql, Object... args) {
        try (Connection c = database().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                Map<String, Object> row = new java.util.LinkedHashMap<>();
                if (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                }
                return row;
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
