package io.plinth.credit.refusal;

/**
 * Why credit-service said no, as its domain code sees it. Each reason carries the stable problem
 * {@code code} clients branch on (API.md); which HTTP status it becomes is decided in one place,
 * {@code io.plinth.credit.CreditProblemMapping}, not here.
 */
public enum Refusal {
    INSUFFICIENT_CREDITS("insufficient_credits"),
    DAILY_LIMIT_REACHED("daily_limit_reached"),
    TRANSFER_ID_CONFLICT("transfer_id_conflict"),
    /** The wallet stayed locked by another operation longer than a spend may wait. */
    WALLET_BUSY("wallet_busy"),
    NOT_FOUND("not_found"),
    INVALID_CURSOR("invalid_cursor"),
    INVALID_HOLD_TTL("invalid_hold_ttl"),
    INVALID_CAPTURE_AMOUNT("invalid_capture_amount"),
    /** A hold request id (from the Idempotency-Key) already used for a different hold. */
    HOLD_REQUEST_REUSED("idempotency_key_reused"),
    HOLD_EXPIRED("hold_expired"),
    HOLD_ALREADY_SETTLED("hold_already_settled"),
    /** A cross-app session token that is not (or no longer) good. */
    SESSION_INVALID("unauthorized"),
    /** The app behind a session lacks the permission for the operation. */
    APP_NOT_PERMITTED("forbidden"),
    /** auth-service could not confirm an app session (down, slow, circuit open). */
    AUTH_UNAVAILABLE("auth_unavailable");

    private final String code;

    Refusal(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
