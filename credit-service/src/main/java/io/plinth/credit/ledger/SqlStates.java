package io.plinth.credit.ledger;

import io.r2dbc.spi.R2dbcException;
import java.time.Duration;
import reactor.util.retry.Retry;

/** Reads the PostgreSQL SQLSTATE out of whatever Spring wrapped it in. */
public final class SqlStates {

    public static final String UNIQUE_VIOLATION = "23505";
    public static final String DEADLOCK = "40P01";
    public static final String SERIALIZATION_FAILURE = "40001";
    /** lock_timeout expired (spend_batch sets one, V3 migration). */
    public static final String LOCK_NOT_AVAILABLE = "55P03";

    private SqlStates() {
    }

    public static String of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof R2dbcException r2dbc && r2dbc.getSqlState() != null) {
                return r2dbc.getSqlState();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    public static boolean isUniqueViolation(Throwable error) {
        return UNIQUE_VIOLATION.equals(of(error));
    }

    public static boolean isLockTimeout(Throwable error) {
        return LOCK_NOT_AVAILABLE.equals(of(error));
    }

    /**
     * Errors where re-running the whole transaction is correct. The lock order (usage row, then
     * wallet row) makes deadlocks impossible in our own transactions, but a client must never see
     * one, so they are retried like serialization failures.
     */
    public static boolean isTransient(Throwable error) {
        String state = of(error);
        return DEADLOCK.equals(state) || SERIALIZATION_FAILURE.equals(state);
    }

    /** Re-runs a whole transaction that failed for a {@linkplain #isTransient transient} reason, briefly. */
    public static Retry transientRetry() {
        return Retry.backoff(5, Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(100))
                .filter(SqlStates::isTransient);
    }
}
