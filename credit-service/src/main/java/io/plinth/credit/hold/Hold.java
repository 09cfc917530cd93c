package io.plinth.credit.hold;

import java.time.Instant;
import java.util.UUID;

/** A reservation of credits on a wallet; {@code captured} is what was finally spent. */
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
        Instant settledAt) {

    public long released() {
        return state == HoldState.PENDING ? 0 : amount - captured;
    }
}
