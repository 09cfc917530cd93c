package io.plinth.payment.mpesa;

import java.util.UUID;

/** The pending payment and Daraja's handle for the prompt on the customer's phone. */
public record StkPushStarted(UUID paymentId, String checkoutRequestId, String customerMessage) {
}
