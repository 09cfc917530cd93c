package io.plinth.credit.tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TierPolicyTest {

    private final TierPolicy policy = TierPolicy.standard();

    @Test
    void publishedTiersLimitVideoGenerationsPerDay() {
        assertThat(policy.dailyLimit(Tier.FREE, "video-generation")).hasValue(3);
        assertThat(policy.dailyLimit(Tier.PRO, "video-generation")).hasValue(20);
        assertThat(policy.dailyLimit(Tier.PREMIUM, "video-generation")).hasValue(50);
    }

    @Test
    void servicesWithoutALimitAreUnmetered() {
        assertThat(policy.dailyLimit(Tier.FREE, "translation")).isEmpty();
        assertThat(policy.isMetered("translation")).isFalse();
        assertThat(policy.isMetered("video-generation")).isTrue();
        assertThat(policy.isMetered(null)).isFalse();
    }

    @Test
    void onlyFreeUsersStartWithThreeCredits() {
        assertThat(policy.startingCredits(Tier.FREE)).isEqualTo(3);
        assertThat(policy.startingCredits(Tier.PRO)).isZero();
    }

    @Test
    void tierNamesFromEventsAreCaseInsensitiveAndUnknownMeansFree() {
        assertThat(Tier.parse("pro")).isEqualTo(Tier.PRO);
        assertThat(Tier.parse(" PREMIUM ")).isEqualTo(Tier.PREMIUM);
        assertThat(Tier.parse("gold")).isEqualTo(Tier.FREE);
        assertThat(Tier.parse(null)).isEqualTo(Tier.FREE);
    }

    @Test
    void theUtcDayChangesAtMidnightUtc() {
        assertThat(UtcDay.of(Instant.parse("2026-03-01T23:59:59.999Z"))).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(UtcDay.of(Instant.parse("2026-03-02T00:00:00Z"))).isEqualTo(LocalDate.of(2026, 3, 2));
    }

    @Test
    void retryAfterPointsAtTheNextUtcMidnightRoundedUp() {
        assertThat(UtcDay.secondsUntilNextMidnight(Instant.parse("2026-03-01T23:59:59Z"))).isEqualTo(1);
        assertThat(UtcDay.secondsUntilNextMidnight(Instant.parse("2026-03-01T23:59:58.500Z"))).isEqualTo(2);
        assertThat(UtcDay.secondsUntilNextMidnight(Instant.parse("2026-03-01T20:00:00Z"))).isEqualTo(4 * 3600);
        assertThat(UtcDay.secondsUntilNextMidnight(Instant.parse("2026-03-02T00:00:00Z"))).isEqualTo(24 * 3600);
    }
}
