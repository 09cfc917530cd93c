package io.plinth.credit.tier;

import java.time.Instant;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Each user's tier: what other features ask and tell about it (the rows stay in {@link TierStore}). */
@Service
public class Tiers {

    private final TierStore store;

    Tiers(TierStore store) {
        this.store = store;
    }

    /** The user's current tier; free until a subscription says otherwise. */
    public Mono<Tier> tierOf(String tenantId, String userId) {
        return store.tierOf(tenantId, userId);
    }

    /** Sets the tier from an activated subscription. */
    public Mono<Void> activate(String tenantId, String userId, Tier tier, String subscriptionId, Instant at) {
        return store.activate(tenantId, userId, tier, subscriptionId, at);
    }

    /** Back to free when the subscription that set the current tier ends (an older one's cancel changes nothing). */
    public Mono<Void> cancel(String tenantId, String userId, String subscriptionId, Instant at) {
        return store.cancel(tenantId, userId, subscriptionId, at);
    }
}
