package io.plinth.credit.refusal;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A refusal the client can act on: a {@link Refusal} and a sentence safe to show. Plain Java, no
 * HTTP: {@code io.plinth.credit.CreditProblemMapping} turns it into problem+json.
 */
public class CreditException extends RuntimeException {

    private final Refusal reason;
    private final Duration retryAfter;

    public CreditException(Refusal reason, String detail) {
        this(reason, detail, null);
    }

    public CreditException(Refusal reason, String detail, Duration retryAfter) {
        super(detail);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.retryAfter = retryAfter;
    }

    public Refusal reason() {
        return reason;
    }

    public String code() {
        return reason.code();
    }

    /** How long a client should wait before retrying (daily limit, busy wallet, auth down), if at all. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public static CreditException insufficientCredits(long requested, long available) {
        return new CreditException(Refusal.INSUFFICIENT_CREDITS,
                "requested " + requested + " credits but only " + Math.max(0, available) + " are available");
    }

    public static CreditException inDebt(long balance) {
        return new CreditException(Refusal.INSUFFICIENT_CREDITS,
                "the wallet is in debt (balance " + balance + ") and cannot spend until it is positive again");
    }

    public static CreditException dailyLimitReached(String service, int limit, long retryAfterSeconds) {
        return new CreditException(Refusal.DAILY_LIMIT_REACHED,
                "daily limit of " + limit + " for " + service + " reached; it resets at midnight UTC",
                Duration.ofSeconds(retryAfterSeconds));
    }

    public static CreditException transferConflict(String transferId) {
        return new CreditException(Refusal.TRANSFER_ID_CONFLICT,
                "transfer " + transferId + " was already posted with different fields");
    }

    public static CreditException walletBusy() {
        return new CreditException(Refusal.WALLET_BUSY,
                "the wallet is locked by another operation; nothing was charged, retry shortly", Duration.ofSeconds(1));
    }

    public static CreditException notFound(String what) {
        return new CreditException(Refusal.NOT_FOUND, what + " not found");
    }
}
