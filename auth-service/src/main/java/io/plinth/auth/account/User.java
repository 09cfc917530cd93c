package io.plinth.auth.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A user account as stored. The password hash never leaves the account package's services. */
public record User(UUID id, String tenantId, String email, String phone, String passwordHash, List<String> roles,
                   String tier, boolean emailVerified, Instant createdAt) {

    public User {
        roles = List.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains("ADMIN");
    }
}
