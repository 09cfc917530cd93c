package io.plinth.auth.apps;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A registered app. The API key itself is never stored, only its hash (kept out of this record). */
record App(UUID id, String tenantId, String name, String domain, List<String> permissions, Instant createdAt,
           Instant keyRotatedAt, Instant revokedAt) {

    App {
        permissions = List.copyOf(permissions);
    }

    boolean revoked() {
        return revokedAt != null;
    }
}
