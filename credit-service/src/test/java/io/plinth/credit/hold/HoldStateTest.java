package io.plinth.credit.hold;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HoldStateTest {

    @Test
    void aPendingHoldSettlesExactlyOnce() {
        assertThat(HoldState.PENDING.canMoveTo(HoldState.CAPTURED)).isTrue();
        assertThat(HoldState.PENDING.canMoveTo(HoldState.RELEASED)).isTrue();
        assertThat(HoldState.PENDING.canMoveTo(HoldState.EXPIRED)).isTrue();
        for (HoldState settled : new HoldState[] {HoldState.CAPTURED, HoldState.RELEASED, HoldState.EXPIRED}) {
            assertThat(settled.isFinal()).isTrue();
            for (HoldState next : HoldState.values()) {
                assertThat(settled.canMoveTo(next)).isFalse();
            }
        }
    }
}
