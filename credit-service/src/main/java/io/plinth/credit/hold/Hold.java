package io.plinth.credit.hold;

import io.plinth.credit.ledger.HeldCredits;
import java.time.Instant;
import java.util.UUID;

/**
 * A reservation of credits on a wallet; {@code captured} is what was finally spent.
 *
 * @param placedBy who placed it ({@link HoldCaller#principal()}): only they, or an admin, may settle it
 */
public record Hold(
        UUID id,
        String requestId,
        String tenantId,
        String userId,
        UUID walletId,
        long amount,
        long captured,
        HoldState state,
        String service,
        String reference,
        String description,
        Instant expiresAt,
        Instant createdAt,
        Instant settledAt,
        String placedBy) {

    /** Whether this caller may see the hold: its owner, whoever placed it, an admin of its tenant. */
    boolean visibleTo(HoldCaller caller) {
        return caller.tenantId().equals(tenantId)
                && (caller.mayActForAnyone() || caller.principal().equals(placedBy) || caller.isUser(userId));
    }

    /** Whether this caller may capture or release it: whoever placed it, or an admin of its tenant. */
    boolean settleableBy(HoldCaller caller) {
        return caller.tenantId().equals(tenantId) && (caller.mayActForAnyone() || caller.principal().equals(placedBy));
    }

    /** The ledger's view of the reserved credits. */
    HeldCredits credits() {
        return new HeldCredits(id, tenantId, userId, walletId, amount, service, reference, description, createdAt);
    }

    public long released() {
        return state == HoldState.PENDING ? 0 : amount - captured;
    }
}
