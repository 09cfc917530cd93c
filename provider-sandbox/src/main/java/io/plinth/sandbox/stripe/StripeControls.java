package io.plinth.sandbox.stripe;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What only time does at Stripe: a subscription's period runs out. (The event log, resend, trigger and
 * faults are the sandbox's shared controls, {@code io.plinth.sandbox.controls}.)
 */
@RestController
class StripeControls {

    private final StripeAccount account;

    StripeControls(StripeAccount account) {
        this.account = account;
    }

    /** The period of a subscription ran out: it ends now and {@code customer.subscription.deleted} is sent. */
    @PostMapping("/_sandbox/stripe/subscriptions/{id}/end")
    Map<String, Object> endSubscription(@PathVariable String id) {
        return StripeJson.publicView(account.endSubscription(id));
    }

    @ExceptionHandler(StripeError.class)
    ResponseEntity<Object> stripeError(StripeError error) {
        return ResponseEntity.status(error.status()).body(error.body());
    }
}
