package io.plinth.sandbox.stripe;

import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What Stripe's dashboard and CLI give a developer: the event log, resend, and the end of a subscription period. */
@RestController
@RequestMapping("/_sandbox/stripe")
class StripeControls {

    private final StripeAccount account;

    StripeControls(StripeAccount account) {
        this.account = account;
    }

    /** Newest first, as {@code stripe events list} shows them. */
    @GetMapping("/events")
    Map<String, Object> events(@RequestParam(defaultValue = "20") int limit) {
        List<Map<String, Object>> data = account.events(Math.max(1, Math.min(limit, 1000))).stream()
                .map(e -> StripeAccount.mapOf("id", e.get("id"), "type", e.get("type"), "created", e.get("created"),
                        "deliveries", account.deliveries((String) e.get("id"))))
                .toList();
        return Map.of("data", data);
    }

    /** Like {@code stripe events resend}: the same event (same id) delivered again. */
    @PostMapping("/events/{id}/resend")
    Map<String, Object> resend(@PathVariable String id) {
        Map<String, Object> event = account.event(id).orElseThrow(() -> StripeError.notFound("event", id));
        account.deliver(event);
        return Map.of("id", id, "deliveries", account.deliveries(id));
    }

    /** The period of a subscription ran out: it ends now and {@code customer.subscription.deleted} is sent. */
    @PostMapping("/subscriptions/{id}/end")
    Map<String, Object> endSubscription(@PathVariable String id) {
        return StripeJson.publicView(account.endSubscription(id));
    }

    @ExceptionHandler(StripeError.class)
    ResponseEntity<Object> stripeError(StripeError error) {
        return ResponseEntity.status(error.status()).body(error.body());
    }
}
