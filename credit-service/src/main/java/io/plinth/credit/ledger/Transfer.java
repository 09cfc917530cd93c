package io.plinth.credit.ledger;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A posted transfer: immutable. {@code walletBalance} is the wallet's balance right after it,
 * which is what the history shows next to each line.
 */
public record Transfer(
        long seq,
        String id,
        String tenantId,
        String userId,
        UUID walletId,
        TransferKind kind,
        long amount,
        String description,
        Map<String, Object> metadata,
        String service,
        UUID holdId,
        long walletBalance,
        Instant createdAt) {

    /** The signed effect on the wallet (positive for grants, negative for spends). */
    public long walletDelta() {
        return kind.walletDelta(amount);
    }
}
