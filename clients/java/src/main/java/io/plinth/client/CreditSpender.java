package io.plinth.client;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What a first-party {@link UserSession} and a partner app's {@link AppSession} have in common:
 * checking and spending the user's credits. Code that only spends can take either.
 */
public interface CreditSpender {

    /** Whether the user's available credits cover {@code credits} now. */
    default boolean canAfford(long credits) {
        return Futures.await(canAffordAsync(credits));
    }

    /**
     * {@link #canAfford(long)}, without blocking.
     *
     * @throws IllegalArgumentException non-positive credits
     */
    CompletableFuture<Boolean> canAffordAsync(long credits);

    /** {@link #consume(long, String, String, Map, String)} without description, metadata or own key. */
    default Consumption consume(long credits, String service) {
        return consume(credits, service, null, null, null);
    }

    /** {@link #consume(long, String, String, Map, String)} with a generated Idempotency-Key. */
    default Consumption consume(long credits, String service, String description, Map<String, ?> metadata) {
        return consume(credits, service, description, metadata, null);
    }

    /**
     * Spends credits at once.
     *
     * @param credits        how many, positive
     * @param service        what they pay for, a lower-case name such as {@code notes-export}
     * @param description    shown in the user's history, or null
     * @param metadata       your own key/values kept with the transaction, or null
     * @param idempotencyKey your key for this spend, or null to have one generated; either way it is
     *                       sent unchanged on every retry, and the same key again returns the first answer
     * @return the transaction and the new balance
     * @throws InsufficientCreditsException not enough available credits; nothing charged
     * @throws DailyLimitReachedException   the tier's daily limit for a metered service is used up
     * @throws IllegalArgumentException     non-positive credits, blank service, malformed key
     */
    default Consumption consume(long credits, String service, String description, Map<String, ?> metadata,
                                String idempotencyKey) {
        return Futures.await(consumeAsync(credits, service, description, metadata, idempotencyKey));
    }

    /** {@link #consume(long, String, String, Map, String)}, without blocking. */
    CompletableFuture<Consumption> consumeAsync(long credits, String service, String description,
                                                Map<String, ?> metadata, String idempotencyKey);
}
