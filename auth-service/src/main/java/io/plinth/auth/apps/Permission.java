package io.plinth.auth.apps;

import java.util.Arrays;
import java.util.Optional;

/** What a registered app may do on a user's behalf; the wire name is the token scope. */
public enum Permission {
    READ_USER_INFO("read_user_info"),
    READ_CREDITS("read_credits"),
    CONSUME_CREDITS("consume_credits"),
    PURCHASE_CREDITS("purchase_credits");

    private final String scope;

    Permission(String scope) {
        this.scope = scope;
    }

    public String scope() {
        return scope;
    }

    public static Optional<Permission> fromScope(String scope) {
        return Arrays.stream(values()).filter(p -> p.scope.equals(scope)).findFirst();
    }
}
