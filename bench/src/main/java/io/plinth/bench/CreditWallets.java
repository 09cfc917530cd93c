package io.plinth.bench;

import static io.plinth.bench.Env.env;

import io.netty.buffer.Unpooled;
import io.plinth.test.security.TestTokens;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

/**
 * The bench's users and their tokens: one hot wallet funded through the admin API, and {@code count}
 * spread wallets funded straight in the database.
 */
final class CreditWallets {

    private static final Duration TOKEN_TTL = Duration.ofHours(3);

    private final String hotToken;
    private final String[] spreadTokens;

    private CreditWallets(String hotToken, String[] spreadTokens) {
        this.hotToken = hotToken;
        this.spreadTokens = spreadTokens;
    }

    /** Funds the hot wallet with 10 000 000 credits and each spread wallet with 1 000 000. */
    static CreditWallets seed(HttpClient service, String runId, int count) throws SQLException {
        String admin = TestTokens.admin("bench-admin").ttl(TOKEN_TTL).sign();
        String hotUser = "bench-hot-" + runId;
        String hotToken = TestTokens.user(hotUser).ttl(TOKEN_TTL).sign();
        grant(service, admin, hotUser, 10_000_000L).block();

        System.out.printf("seeding %d wallets...%n", count);
        String[] tokens = new String[count];
        for (int i = 0; i < count; i++) {
            tokens[i] = TestTokens.user("bench-" + runId + "-" + i).ttl(TOKEN_TTL).sign();
        }
        fundInDatabase("bench-" + runId + "-", count, 1_000_000L);
        return new CreditWallets(hotToken, tokens);
    }

    String hot() {
        return hotToken;
    }

    /** Any spread wallet's token, uniformly. */
    String anySpread() {
        return spreadTokens[ThreadLocalRandom.current().nextInt(spreadTokens.length)];
    }

    /**
     * The spread wallets, funded straight in the database (an ADMIN_GRANT transfer per wallet, so
     * the ledger invariant holds): 10 000 grants through HTTP would only measure the seeding.
     */
    private static void fundInDatabase(String prefix, int count, long credits) throws SQLException {
        String url = "jdbc:postgresql://" + env("PGHOST", "localhost") + ":" + env("PGPORT", "25432") + "/"
                + env("BENCH_DATABASE", "credit");
        try (Connection c = DriverManager.getConnection(url, env("PGUSER", "postgres"), env("PGPASSWORD", "postgres"));
             Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO account (id, tenant_id, user_id, kind, balance) "
                    + "SELECT gen_random_uuid(), 'default', '" + prefix + "' || g, 'WALLET', " + credits
                    + " FROM generate_series(0, " + (count - 1) + ") g");
            st.executeUpdate("INSERT INTO transfer (id, tenant_id, user_id, debit_account_id, credit_account_id, "
                    + "amount, kind, description, metadata, wallet_id, wallet_balance, created_at) "
                    + "SELECT 'bench-seed:' || a.user_id, a.tenant_id, a.user_id, "
                    + "'00000000-0000-0000-0000-000000000002', a.id, " + credits + ", 'ADMIN_GRANT', 'bench funding', "
                    + "'{}'::jsonb, a.id, " + credits + ", now() FROM account a WHERE a.user_id LIKE '" + prefix + "%'");
            st.execute("ANALYZE account");
            st.execute("ANALYZE transfer");
        }
    }

    private static Mono<Integer> grant(HttpClient http, String admin, String user, long credits) {
        String body = "{\"credits\":" + credits + ",\"reason\":\"bench funding\"}";
        return http.headers(h -> h.set("Authorization", "Bearer " + admin)
                        .set("Content-Type", "application/json")
                        .set("Idempotency-Key", "bench-grant-" + user))
                .post().uri("/api/v1/admin/credits/" + user + "/grant")
                .send(ByteBufFlux.fromInbound(Mono.just(Unpooled.wrappedBuffer(body.getBytes(StandardCharsets.UTF_8)))))
                .responseSingle((response, content) -> content.asString().defaultIfEmpty("").map(text -> {
                    if (response.status().code() != 200) {
                        throw new IllegalStateException("grant failed: " + response.status() + " " + text);
                    }
                    return response.status().code();
                }));
    }
}
