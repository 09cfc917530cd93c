package io.plinth.auth.token;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LockoutPolicyTest {

    private final LockoutPolicy policy = new LockoutPolicy(5, Duration.ofSeconds(30), Duration.ofMinutes(15));

    @Test
    void noLockBelowThreshold() {
        assertThat(policy.lockAfter(4)).isZero();
    }

    @Test
    void delaysGrowByDoublingFromTheThreshold() {
        assertThat(policy.lockAfter(5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.lockAfter(6)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.lockAfter(7)).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void delaysAreCapped() {
        assertThat(policy.lockAfter(10)).isEqualTo(Duration.ofMinutes(15));
        assertThat(policy.lockAfter(1_000)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void refreshDecisions() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Instant later = now.plusSeconds(60);
        assertThat(RefreshDecision.of(null, null, later, now)).isEqualTo(RefreshDecision.ROTATE);
        assertThat(RefreshDecision.of(now, null, later, now)).isEqualTo(RefreshDecision.REVOKE_FAMILY);
        assertThat(RefreshDecision.of(now, now, later, now)).isEqualTo(RefreshDecision.REVOKE_FAMILY);
        assertThat(RefreshDecision.of(null, now, later, now)).isEqualTo(RefreshDecision.REJECT);
        assertThat(RefreshDecision.of(null, null, now, now)).isEqualTo(RefreshDecision.REJECT);
    }
}
