package io.plinth.client;

import java.time.Instant;

/**
 * Credits reserved for a job: placed {@code pending}, then {@code captured} (all or part),
 * {@code released}, or {@code expired} when nobody settled it in time.
 *
 * @param holdId    the hold's id
 * @param userId    whose credits
 * @param credits   how many were reserved
 * @param captured  how many were charged when it was captured
 * @param released  how many went back to the wallet
 * @param state     {@code pending}, {@code captured}, {@code released} or {@code expired}
 * @param service   what the credits are for
 * @param reference the caller's reference, or null
 * @param expiresAt when a pending hold expires on its own
 * @param createdAt when it was placed
 * @param settledAt when it left {@code pending}, or null
 */
public record Hold(String holdId, String userId, long credits, long captured, long released, String state,
                   String service, String reference, Instant expiresAt, Instant createdAt, Instant settledAt) {

    /** Whether it still reserves credits. */
    public boolean isPending() {
        return "pending".equals(state);
    }
}
