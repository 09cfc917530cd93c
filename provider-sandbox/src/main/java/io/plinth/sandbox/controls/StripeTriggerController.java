package io.plinth.sandbox.controls;

import io.plinth.sandbox.delivery.Providers;
import io.plinth.sandbox.delivery.StripeEvents;
import io.plinth.sandbox.delivery.WebhookDelivery;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /_sandbox/stripe/trigger/{type}}, like {@code stripe trigger}: makes an event of that type
 * around a sample object and delivers it. An optional JSON body replaces top-level fields of the object,
 * e.g. {@code {"metadata": {"paymentId": "…"}}} or {@code {"id": "pi_…"}}.
 */
@RestController
class StripeTriggerController {

    private static final Pattern TYPE = Pattern.compile("[a-z_]+(\\.[a-z_]+)+");

    private final WebhookDelivery delivery;

    StripeTriggerController(WebhookDelivery delivery) {
        this.delivery = delivery;
    }

    @PostMapping("/_sandbox/stripe/trigger/{type}")
    ResponseEntity<Object> trigger(@PathVariable String type, @RequestBody(required = false) Map<String, Object> overrides) {
        if (type.length() > 100 || !TYPE.matcher(type).matches()) {
            return ControlErrors.badRequest("invalid_event_type",
                    "'" + type + "' is not a Stripe event type such as payment_intent.succeeded.");
        }
        StripeEvents.Built event = StripeEvents.event(type,
                StripeEvents.sampleObject(type, overrides == null ? Map.of() : overrides));
        return ResponseEntity.accepted().body(delivery.send(Providers.STRIPE, event.id(), event.type(), event.json()));
    }
}
