package io.plinth.credit.ledger;

import java.util.Map;
import java.util.Objects;

/**
 * A transfer to post: one wallet, one system account (from the kind), a positive amount.
 * The id makes posting idempotent: the same id with the same fields returns the original
 * transfer, with different fields it is refused.
 *
 * @param service the metered service being paid for (null for grants); drives daily limits
 */
public record TransferRequest(
        String id,
        String tenantId,
        String userId,
        TransferKind kind,
        long amount,
        String description,
        Map<String, Object> metadata,
        String service) {

    /** What a metered or paid-for service may be called, in requests and transfers alike. */
    public static final String SERVICE_PATTERN = "[a-z0-9][a-z0-9._-]{0,63}";

    public TransferRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(kind, "kind");
        if (id.isBlank() || id.length() > 200) {
            throw new IllegalArgumentException("transfer id must be 1-200 characters");
        }
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive, was " + amount);
        }
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** Whether an already-posted transfer with this id is the same request (a replay). */
    public boolean sameAs(Transfer existing) {
        return existing.id().equals(id)
                && existing.tenantId().equals(tenantId)
                && existing.userId().equals(userId)
                && existing.kind() == kind
                && existing.amount() == amount
                && Objects.equals(existing.description(), description)
                && Objects.equals(existing.metadata(), metadata)
                && Objects.equals(existing.service(), service);
    }
}
