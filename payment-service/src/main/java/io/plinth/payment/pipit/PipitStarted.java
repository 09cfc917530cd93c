package io.plinth.payment.pipit;

import java.util.UUID;

public record PipitStarted(UUID paymentId, String pipitPaymentId, String paymentUrl) {
}
