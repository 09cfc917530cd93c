package io.plinth.auth.refusal;

/**
 * Why auth-service said no, as its domain code sees it. Each reason carries the stable problem
 * {@code code} clients branch on (API.md); which HTTP status it becomes is decided in one place,
 * {@code io.plinth.auth.AuthProblemMapping}, not here.
 */
public enum Refusal {
    /** One or more fields of the request are invalid; the exception names each. */
    INVALID_FIELDS("validation_failed"),
    NOT_FOUND("not_found"),
    TENANT_EXISTS("tenant_exists"),
    EMAIL_TAKEN("email_taken"),
    EMAIL_ALREADY_VERIFIED("email_already_verified"),
    APP_REVOKED("app_revoked"),
    /** A mailed one-time token (verification, password reset) that is unknown, expired or spent. */
    INVALID_OR_EXPIRED_TOKEN("invalid_or_expired_token"),
    INVALID_CREDENTIALS("invalid_credentials"),
    INVALID_REFRESH_TOKEN("invalid_refresh_token"),
    /** A spent refresh token presented again: its whole family was revoked. */
    REFRESH_TOKEN_REUSED("refresh_token_reused"),
    INVALID_API_KEY("invalid_api_key"),
    /** Too many failed logins for this account and address; carries when to try again. */
    LOGIN_LOCKED("login_locked");

    private final String code;

    Refusal(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
