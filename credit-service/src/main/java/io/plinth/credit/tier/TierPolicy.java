package io.plinth.credit.tier;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Daily limits per tier and metered service, and starting credits per tier. Services without a
 * limit are unmetered.
 */
public final class TierPolicy {

    public static final String VIDEO_GENERATION = "video-generation";

    private final Map<Tier, Map<String, Integer>> dailyLimits;
    private final Map<Tier, Long> startingCredits;

    public TierPolicy(Map<Tier, Map<String, Integer>> dailyLimits, Map<Tier, Long> startingCredits) {
        this.dailyLimits = Map.copyOf(Objects.requireNonNull(dailyLimits));
        this.startingCredits = Map.copyOf(Objects.requireNonNull(startingCredits));
    }

    /** Plinth's published tiers: free 3 generations a day and 3 starting credits, pro 20, premium 50. */
    public static TierPolicy standard() {
        return new TierPolicy(
                Map.of(Tier.FREE, Map.of(VIDEO_GENERATION, 3),
                        Tier.PRO, Map.of(VIDEO_GENERATION, 20),
                        Tier.PREMIUM, Map.of(VIDEO_GENERATION, 50)),
                Map.of(Tier.FREE, 3L));
    }

    public OptionalInt dailyLimit(Tier tier, String service) {
        Integer limit = dailyLimits.getOrDefault(tier, Map.of()).get(service);
        return limit == null ? OptionalInt.empty() : OptionalInt.of(limit);
    }

    public boolean isMetered(String service) {
        return service != null && dailyLimits.values().stream().anyMatch(m -> m.containsKey(service));
    }

    public long startingCredits(Tier tier) {
        return startingCredits.getOrDefault(tier, 0L);
    }

    public Map<Tier, Map<String, Integer>> dailyLimits() {
        return dailyLimits;
    }
}
