package io.plinth.auth.token;

import java.time.Instant;

/**
 * What presenting a refresh token means, as a rule: an active token rotates; a spent or revoked one is
 * a replay (someone else holds a copy), so its whole family is revoked; an expired one is just refused.
 */
enum RefreshDecision {
    ROTATE, REVOKE_FAMILY, REJECT;

    static RefreshDecision of(Instant spentAt, Instant revokedAt, Instant expiresAt, Instant now) {
        if (spentAt != null || revokedAt != null) {
            return REVOKE_FAMILY;
        }
        if (!expiresAt.isAfter(now)) {
            return REJECT;
        }
        return ROTATE;
    }
}
