package io.plinth.credit.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Recomputes every wallet's balance from its transfers and its held amount from its pending holds,
 * in one statement (one snapshot, so concurrent spends cannot cause false alarms), and reports any
 * wallet whose stored figures differ: as the {@code credits.ledger.mismatches} gauge, a counter of
 * every mismatch seen, and an ERROR log line per wallet.
 */
@Component
public class InvariantChecker {

    private static final Logger log = LoggerFactory.getLogger(InvariantChecker.class);

    /** {@code %1$s} narrows every part to one tenant (or to none, for the platform-wide scheduled check). */
    private static final String MISMATCHES = """
            WITH entries AS (
                SELECT wallet_id,
                       sum(CASE WHEN credit_account_id = wallet_id THEN amount ELSE -amount END) AS balance
                FROM transfer WHERE true %1$s GROUP BY wallet_id),
            pending AS (
                SELECT wallet_id, sum(amount) AS held FROM hold WHERE state = 'PENDING' %1$s GROUP BY wallet_id)
            SELECT a.id, a.tenant_id, a.user_id, a.balance, a.held,
                   coalesce(e.balance, 0) AS computed_balance, coalesce(p.held, 0) AS computed_held
            FROM account a
            LEFT JOIN entries e ON e.wallet_id = a.id
            LEFT JOIN pending p ON p.wallet_id = a.id
            WHERE a.kind = 'WALLET' %2$s AND (a.balance <> coalesce(e.balance, 0) OR a.held <> coalesce(p.held, 0))
            ORDER BY a.id
            """;
    private static final String ALL_TENANTS = MISMATCHES.formatted("", "");
    private static final String ONE_TENANT = MISMATCHES.formatted("AND tenant_id = :tenant", "AND a.tenant_id = :tenant");

    private final DatabaseClient db;
    private final Clock clock;
    private final AtomicLong lastMismatches = new AtomicLong();
    private final Counter mismatchCounter;
    private final Counter checks;

    public InvariantChecker(DatabaseClient db, Clock clock, MeterRegistry registry) {
        this.db = db;
        this.clock = clock;
        Gauge.builder("credits.ledger.mismatches", lastMismatches, AtomicLong::get)
                .description("Wallets whose stored balance or held amount differed from the ledger at the last check")
                .register(registry);
        this.mismatchCounter = Counter.builder("credits.ledger.mismatches.found")
                .description("Wallet mismatches found, over all checks").register(registry);
        this.checks = Counter.builder("credits.ledger.checks").register(registry);
    }

    public record Mismatch(UUID walletId, String tenantId, String userId, long storedBalance, long computedBalance,
            long storedHeld, long computedHeld) {
    }

    public record Report(Instant checkedAt, boolean consistent, List<Mismatch> mismatches) {
    }

    @Scheduled(fixedDelayString = "${plinth.credits.invariant-check-interval:PT10M}",
            initialDelayString = "${plinth.credits.invariant-check-initial-delay:PT1M}")
    public Mono<Report> scheduledCheck() {
        return check().onErrorResume(e -> {
            log.warn("Ledger invariant check could not run: {}", e.toString());
            return Mono.empty();
        });
    }

    /** Checks every wallet of every tenant: the scheduled check, reported through metrics and logs only. */
    public Mono<Report> check() {
        return run(db.sql(ALL_TENANTS));
    }

    /** Checks the wallets of one tenant only: what a tenant's admin may run and see. */
    public Mono<Report> check(String tenantId) {
        return run(db.sql(ONE_TENANT).bind("tenant", tenantId));
    }

    private Mono<Report> run(DatabaseClient.GenericExecuteSpec query) {
        Instant now = clock.instant();
        return query
                .map(row -> new Mismatch(
                        row.get("id", UUID.class),
                        row.get("tenant_id", String.class),
                        row.get("user_id", String.class),
                        row.get("balance", Long.class),
                        row.get("computed_balance", Long.class),
                        row.get("held", Long.class),
                        row.get("computed_held", Long.class)))
                .all()
                .collectList()
                .map(found -> {
                    checks.increment();
                    lastMismatches.set(found.size());
                    mismatchCounter.increment(found.size());
                    found.forEach(m -> log.error("Ledger invariant violated: wallet {} (tenant {}, user {}) stores "
                                    + "balance {} held {} but its transfers sum to {} and its pending holds to {}",
                            m.walletId(), m.tenantId(), m.userId(), m.storedBalance(), m.storedHeld(),
                            m.computedBalance(), m.computedHeld()));
                    return new Report(now, found.isEmpty(), found);
                });
    }
}
