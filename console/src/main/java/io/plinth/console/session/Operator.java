package io.plinth.console.session;

import java.time.Instant;
import java.util.Set;

/**
 * The signed-in operator of one request: their access token (what every API call carries) and what its claims say.
 * The claims are read, not verified, here: they only decide what the console shows. Every API verifies the token
 * itself and refuses a non-admin whatever the console thinks.
 */
public record Operator(String accessToken, String userId, String email, Set<String> roles, Instant expiresAt) {

    static final String ADMIN = "ADMIN";

    public Operator {
        roles = Set.copyOf(roles);
    }

    /** The same operator, named by {@code email} (which access tokens do not carry); null leaves it unnamed. */
    Operator withEmail(String email) {
        return new Operator(accessToken, userId, email, roles, expiresAt);
    }

    public boolean isAdmin() {
        return roles.contains(ADMIN);
    }

    /** What the header shows: the email when the token carries one, else the user id. */
    public String displayName() {
        return email != null ? email : userId;
    }
}
