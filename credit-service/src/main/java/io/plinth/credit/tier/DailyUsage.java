package io.plinth.credit.tier;

import io.plinth.credit.refusal.CreditException;
import java.time.Instant;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Daily limits of metered services: counting a use against the user's tier, giving it back, and
 * reading today's count. The ledger calls {@link #charge} inside a spend's or a hold's transaction,
 * before it touches the wallet row (lock order: usage row, then wallet row).
 */
@Service
public class DailyUsage {

    private final DailyUsageStore store;
    private final TierStore tiers;
    private final TierPolicy policy;

    DailyUsage(DailyUsageStore store, TierStore tiers, TierPolicy policy) {
        this.store = store;
        this.tiers = tiers;
        this.policy = policy;
    }

    public boolean isMetered(String service) {
        return policy.isMetered(service);
    }

    /**
     * Counts one use of a metered service for today, or fails with {@code daily_limit_reached} and
     * the seconds to UTC midnight. Nothing to do for a service that is not metered.
     */
    public Mono<Void> charge(String tenantId, String userId, String service, Instant now) {
        if (!policy.isMetered(service)) {
            return Mono.empty();
        }
        return tiers.tierOf(tenantId, userId).flatMap(tier -> {
            var limit = policy.dailyLimit(tier, service);
            if (limit.isEmpty()) {
                return Mono.<Void>empty();
            }
            return store.count(tenantId, userId, service, UtcDay.of(now), limit.getAsInt())
                    .switchIfEmpty(Mono.error(() -> CreditException.dailyLimitReached(service, limit.getAsInt(),
                            UtcDay.secondsUntilNextMidnight(now))))
                    .then();
        });
    }

    /** Gives back the use counted on the day {@code countedAt} fell on (a job that never ran). */
    public Mono<Void> giveBack(String tenantId, String userId, String service, Instant countedAt) {
        if (!policy.isMetered(service)) {
            return Mono.empty();
        }
        return store.uncount(tenantId, userId, service, UtcDay.of(countedAt)).then();
    }

    /** Uses of {@code service} counted today. */
    public Mono<Integer> usedToday(String tenantId, String userId, String service, Instant now) {
        return store.used(tenantId, userId, service, UtcDay.of(now));
    }
}
