package io.plinth.credit.ledger;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Credits reserved on a wallet for a hold, as the ledger needs them to settle it: what to take out
 * of {@code held}, which transfer a capture posts and which day's use a release gives back.
 *
 * @param reservedAt when the credits were reserved (the daily use counted then)
 */
public record HeldCredits(UUID holdId, String tenantId, String userId, UUID walletId, long amount, String service,
        String reference, String description, Instant reservedAt) {

    public HeldCredits {
        Objects.requireNonNull(holdId, "holdId");
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(reservedAt, "reservedAt");
    }

    /** The HOLD_CAPTURE transfer that spends {@code captured} of these credits; its id is derived from the hold. */
    TransferRequest capture(long captured) {
        return new TransferRequest(TransferIds.holdCapture(holdId), tenantId, userId, TransferKind.HOLD_CAPTURE,
                captured, description, reference == null ? Map.of() : Map.of("reference", reference), service);
    }
}
