package io.plinth.auth.keys;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyScheduleTest {

    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void newestUnsupersededKeySigns() {
        var old = new KeySchedule.KeyTimes("old", t0, t0.plusSeconds(100), t0.plusSeconds(1000));
        var current = new KeySchedule.KeyTimes("new", t0.plusSeconds(100), null, null);
        assertThat(KeySchedule.signer(List.of(old, current))).get().extracting(KeySchedule.KeyTimes::kid).isEqualTo("new");
    }

    @Test
    void supersededKeyVerifiesUntilRetired() {
        var old = new KeySchedule.KeyTimes("old", t0, t0.plusSeconds(100), t0.plusSeconds(1000));
        var current = new KeySchedule.KeyTimes("new", t0.plusSeconds(100), null, null);
        assertThat(KeySchedule.verifiers(List.of(old, current), t0.plusSeconds(999))).hasSize(2);
        assertThat(KeySchedule.verifiers(List.of(old, current), t0.plusSeconds(1000)))
                .extracting(KeySchedule.KeyTimes::kid).containsExactly("new");
    }

    @Test
    void rotationIsDueWithoutKeysOrWhenTheSignerIsOld() {
        assertThat(KeySchedule.rotationDue(List.of(), t0, Duration.ofDays(30))).isTrue();
        var current = new KeySchedule.KeyTimes("k", t0, null, null);
        assertThat(KeySchedule.rotationDue(List.of(current), t0.plus(Duration.ofDays(29)), Duration.ofDays(30))).isFalse();
        assertThat(KeySchedule.rotationDue(List.of(current), t0.plus(Duration.ofDays(30)), Duration.ofDays(30))).isTrue();
    }

    @Test
    void retirementWaitsForTheLongestTokenPlusSkew() {
        assertThat(KeySchedule.retireAt(t0, Duration.ofMinutes(15), Duration.ofMinutes(1)))
                .isEqualTo(t0.plus(Duration.ofMinutes(16)));
    }

    @Test
    void encryptedKeyRoundTripsAndRefusesAnotherKidOrKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        KeyEncryptor encryptor = new KeyEncryptor(k);
        byte[] sealed = encryptor.encrypt("{\"secret\":1}", "kid-1");
        assertThat(encryptor.decrypt(sealed, "kid-1")).isEqualTo("{\"secret\":1}");
        assertThatThrownBy(() -> encryptor.decrypt(sealed, "kid-2")).isInstanceOf(IllegalStateException.class);
        byte[] other = new byte[32];
        assertThatThrownBy(() -> new KeyEncryptor(other).decrypt(sealed, "kid-1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new KeyEncryptor(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
