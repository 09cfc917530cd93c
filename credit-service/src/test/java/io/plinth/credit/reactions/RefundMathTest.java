package io.plinth.credit.reactions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RefundMathTest {

    @Test
    void aFullRefundTakesBackEveryCredit() {
        assertThat(RefundMath.clawbackTarget(100, 1000, 1000)).isEqualTo(100);
    }

    @Test
    void aPartialRefundTakesBackAProportionRoundedDown() {
        assertThat(RefundMath.clawbackTarget(100, 250, 1000)).isEqualTo(25);
        assertThat(RefundMath.clawbackTarget(10, 333, 1000)).isEqualTo(3);
    }

    @Test
    void cumulativeRefundsOnlyTakeTheDifference() {
        long first = RefundMath.clawbackTarget(100, 300, 1000);
        long second = RefundMath.clawbackTarget(100, 800, 1000);
        assertThat(RefundMath.stillToClawBack(first, 0)).isEqualTo(30);
        assertThat(RefundMath.stillToClawBack(second, first)).isEqualTo(50);
        // An older, smaller refund event arriving late takes nothing more.
        assertThat(RefundMath.stillToClawBack(first, second)).isZero();
    }

    @Test
    void neverMoreThanTheCreditsGranted() {
        assertThat(RefundMath.clawbackTarget(100, 1500, 1000)).isEqualTo(100);
        assertThat(RefundMath.clawbackTarget(100, 10, 0)).isEqualTo(100);
        assertThat(RefundMath.clawbackTarget(0, 1000, 1000)).isZero();
        assertThat(RefundMath.clawbackTarget(100, 0, 1000)).isZero();
    }
}
