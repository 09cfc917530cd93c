package io.plinth.payment.payments;

import static io.plinth.payment.payments.PaymentStatus.COMPLETED;
import static io.plinth.payment.payments.PaymentStatus.FAILED;
import static io.plinth.payment.payments.PaymentStatus.PARTIALLY_REFUNDED;
import static io.plinth.payment.payments.PaymentStatus.PENDING;
import static io.plinth.payment.payments.PaymentStatus.REFUNDED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class PaymentStatusTest {

    @Test
    void theAllowedMovesAreExactlyThese() {
        for (PaymentStatus from : PaymentStatus.values()) {
            for (PaymentStatus to : PaymentStatus.values()) {
                boolean allowed = (from == PENDING && (to == COMPLETED || to == FAILED))
                        || (from == FAILED && to == COMPLETED)
                        || ((from == COMPLETED || from == PARTIALLY_REFUNDED) && (to == PARTIALLY_REFUNDED || to == REFUNDED));
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(allowed);
            }
        }
    }

    @Test
    void aSettledPaymentNeverFailsAndARefundedOneNeverMovesAgain() {
        assertThat(COMPLETED.canMoveTo(FAILED)).isFalse();
        assertThat(COMPLETED.canMoveTo(PENDING)).isFalse();
        assertThat(EnumSet.allOf(PaymentStatus.class)).noneMatch(REFUNDED::canMoveTo);
    }

    @Test
    void sourcesAreTheInverseOfTheMoves() {
        assertThat(PaymentStatus.sourcesOf(COMPLETED)).containsExactlyInAnyOrder(PENDING, FAILED);
        assertThat(PaymentStatus.sourcesOf(FAILED)).containsExactly(PENDING);
        assertThat(PaymentStatus.sourcesOf(REFUNDED)).containsExactlyInAnyOrder(COMPLETED, PARTIALLY_REFUNDED);
        assertThat(PaymentStatus.sourcesOf(PENDING)).isEmpty();
    }

    @Test
    void wireNamesRoundTrip() {
        for (PaymentStatus status : PaymentStatus.values()) {
            assertThat(PaymentStatus.parse(status.wire())).isEqualTo(status);
        }
        assertThat(PARTIALLY_REFUNDED.wire()).isEqualTo("partially_refunded");
    }
}
