package io.plinth.client;

import java.time.Instant;

/**
 * A first-party login: the short-lived access token, the refresh token that renews it (each refresh
 * spends it and returns a new one) and when the access token expires. Persist it to resume a
 * session with {@link PlinthClient#resume(Tokens)}; {@link #toString()} never shows the tokens.
 *
 * @param accessToken  the bearer token
 * @param refreshToken the one-time refresh token
 * @param expiresAt    when the access token stops being accepted
 */
public record Tokens(String accessToken, String refreshToken, Instant expiresAt) {

    /** @throws IllegalArgumentException if a token is blank or the expiry is missing */
    public Tokens {
        Checks.notBlank(accessToken, "accessToken");
        Checks.notBlank(refreshToken, "refreshToken");
        Checks.notNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "Tokens[accessToken=***, refreshToken=***, expiresAt=" + expiresAt + "]";
    }
}
