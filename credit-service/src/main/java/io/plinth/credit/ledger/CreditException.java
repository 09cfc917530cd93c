package io.plinth.credit.ledger;

/**
 * A refusal the client can act on, with the HTTP status and the stable problem {@code code}
 * from API.md. The web layer renders it as problem+json.
 */
public class CreditException extends RuntimeException {

    private final int status;
    private final String code;
    private final Long retryAfterSeconds;

    public CreditException(int status, String code, String detail) {
        this(status, code, detail, null);
    }

    public CreditException(int status, String code, String detail, Long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Seconds a client should wait before retrying (429, 503), or null. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static CreditException insufficientCredits(long requested, long available) {
        return new CreditException(402, "insufficient_credits",
                "requested " + requested + " credits but only " + Math.max(0, available) + " are available");
    }

    public static CreditException inDebt(long balance) {
        return new CreditException(402, "insufficient_credits",
                "the wallet is in debt (balance " + balance + ") and cannot spend until it is positive again");
    }

    public static CreditException dailyLimitReached(String service, int limit, long retryAfterSeconds) {
        return new CreditException(429, "daily_limit_reached",
                "daily limit of " + limit + " for " + service + " reached; it resets at midnight UTC",
                retryAfterSeconds);
    }

    public static CreditException transferConflict(String transferId) {
        return new CreditException(409, "transfer_id_conflict",
                "transfer " + transferId + " was already posted with different fields");
    }

    /** The wallet stayed locked by another operation longer than a spend may wait (a stuck transaction). */
    public static CreditException walletBusy() {
        return new CreditException(503, "wallet_busy",
                "the wallet is locked by another operation; nothing was charged, retry shortly", 1L);
    }

    public static CreditException notFound(String what) {
        return new CreditException(404, "not_found", what + " not found");
    }
}
