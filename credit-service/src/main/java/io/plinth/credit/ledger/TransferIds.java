package io.plinth.credit.ledger;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Transfer ids derived from what caused the transfer, so a redelivered event or a retried
 * request maps to the same id and the ledger posts it once.
 */
public final class TransferIds {

    private TransferIds() {
    }

    public static String startingGrant(String tenantId, String userId) {
        return "signup:" + tenantId + ":" + userId;
    }

    public static String purchase(String paymentId) {
        return "payment:" + paymentId;
    }

    /** One clawback per cumulative refund target, so each step of a partial refund posts once. */
    public static String clawback(String paymentId, long targetCredits) {
        return "payment:" + paymentId + ":clawback:" + targetCredits;
    }

    public static String holdCapture(UUID holdId) {
        return "hold:" + holdId + ":capture";
    }

    /**
     * A request's transfer id from its Idempotency-Key, scoped to the user so two users can use
     * the same key; name-based UUID keeps the id short and opaque.
     */
    public static String fromIdempotencyKey(String scope, String tenantId, String userId, String key) {
        String name = scope + "|" + tenantId + "|" + userId + "|" + key;
        return scope + ":" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
