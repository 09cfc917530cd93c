package io.plinth.auth.token;

import java.time.Instant;

/**
 * What presenting a refresh token means, as a rule: an active token rotates; a spent one is a replay
 * (someone else holds a copy), so its whole family is revoked; a revoked one (after logout, or a sibling's
 * reuse already ended the family) or an expired one is just refused — there is nothing left to revoke,
 * and calling it theft would raise a false alarm after every logout.
 */
enum RefreshDecision {
    ROTATE, REVOKE_FAMILY, REJECT;

    static RefreshDecision of(Instant spentAt, Instant revokedAt, Instant expiresAt, Instant now) {
        if (spentAt != null) {
            return REVOKE_FAMILY;
        }
        if (revokedAt != null || !expiresAt.isAfter(now)) {
            return REJECT;
        }
        return ROTATE;
    }
}
