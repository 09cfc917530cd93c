package io.plinth.credit.tier;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The tiers, their daily limits and starting credits: the same for every caller. */
@RestController
class TierController {

    private final TierPolicy policy;

    TierController(TierPolicy policy) {
        this.policy = policy;
    }

    record TierResponse(String tier, Map<String, Integer> dailyLimits, long startingCredits) {
    }

    @GetMapping("/api/v1/credits/tiers")
    List<TierResponse> tiers() {
        return Arrays.stream(Tier.values())
                .map(tier -> new TierResponse(tier.wireName(),
                        policy.dailyLimits().getOrDefault(tier, Map.of()), policy.startingCredits(tier)))
                .toList();
    }
}
