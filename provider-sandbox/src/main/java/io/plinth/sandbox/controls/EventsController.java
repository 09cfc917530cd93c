package io.plinth.sandbox.controls;

import io.plinth.sandbox.delivery.Providers;
import io.plinth.sandbox.delivery.StripeEvents;
import io.plinth.sandbox.delivery.WebhookDelivery;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a provider's dashboard shows of its webhook events, per provider that sends them:
 * {@code GET /_sandbox/{provider}/events?limit=N&starting_after=ID} (newest first, {@code {data: [...]}}; the next
 * page after an event with {@code starting_after}),
 * {@code GET …/events/{id}} and {@code POST …/events/{id}/resend} (like {@code stripe events resend}).
 */
@RestController
class EventsController {

    private static final int MAX_LIMIT = 100;

    private final WebhookDelivery delivery;

    EventsController(WebhookDelivery delivery) {
        this.delivery = delivery;
    }

    @GetMapping("/_sandbox/{provider}/events")
    ResponseEntity<Object> list(@PathVariable String provider, @RequestParam(defaultValue = "10") String limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter) {
        ResponseEntity<Object> refused = refuse(provider);
        if (refused != null) {
            return refused;
        }
        int n;
        try {
            n = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > MAX_LIMIT) {
            return ControlErrors.badRequest("invalid_limit", "limit must be a whole number from 1 to " + MAX_LIMIT + ".");
        }
        if (startingAfter == null) {
            return ResponseEntity.ok(Map.of("data", delivery.events(provider, n)));
        }
        // The next page, as Stripe's lists page: the events older than starting_after.
        return delivery.events(provider, n, startingAfter)
                .<ResponseEntity<Object>>map(page -> ResponseEntity.ok(Map.of("data", page)))
                .orElseGet(() -> ControlErrors.badRequest("invalid_starting_after",
                        "No " + provider + " event " + startingAfter + " is kept to page after."));
    }

    /**
     * Sends a webhook as the provider would, like a dashboard's "send test webhook": the request body is the
     * event's JSON, sent byte for byte and signed with the provider's scheme; {@code id} (default: a new one)
     * and {@code type} name it in the store; {@code url} sends it somewhere other than the configured endpoint
     * (an M-Pesa callback URL with its token).
     */
    @PostMapping("/_sandbox/{provider}/events")
    ResponseEntity<Object> send(@PathVariable String provider, @RequestParam(required = false) String id,
            @RequestParam(defaultValue = "test") String type, @RequestParam(required = false) String url,
            @RequestBody(required = false) String body) {
        ResponseEntity<Object> refused = refuse(provider);
        if (refused != null) {
            return refused;
        }
        if (body == null || body.isBlank()) {
            return ControlErrors.badRequest("missing_body", "Send the event's JSON as the request body.");
        }
        String eventId = id == null || id.isBlank() ? StripeEvents.newId("evt") : id;
        try {
            URI endpoint = url == null ? delivery.endpoint(provider) : URI.create(url);
            return ResponseEntity.accepted().body(delivery.send(provider, eventId, type, body, endpoint));
        } catch (IllegalArgumentException e) {
            return ControlErrors.of(HttpStatus.CONFLICT, "already_sent", e.getMessage());
        }
    }

    @GetMapping("/_sandbox/{provider}/events/{id}")
    ResponseEntity<Object> one(@PathVariable String provider, @PathVariable String id) {
        ResponseEntity<Object> refused = refuse(provider);
        if (refused != null) {
            return refused;
        }
        return delivery.event(provider, id).<ResponseEntity<Object>>map(ResponseEntity::ok)
                .orElseGet(() -> noSuchEvent(provider, id));
    }

    @PostMapping("/_sandbox/{provider}/events/{id}/resend")
    ResponseEntity<Object> resend(@PathVariable String provider, @PathVariable String id) {
        ResponseEntity<Object> refused = refuse(provider);
        if (refused != null) {
            return refused;
        }
        return delivery.resend(provider, id).<ResponseEntity<Object>>map(e -> ResponseEntity.accepted().body(e))
                .orElseGet(() -> noSuchEvent(provider, id));
    }

    private static ResponseEntity<Object> refuse(String provider) {
        if (!Providers.isKnown(provider)) {
            return ControlErrors.unknownProvider(provider);
        }
        return Providers.sendsWebhooks(provider) ? null : ControlErrors.noWebhooks(provider);
    }

    private static ResponseEntity<Object> noSuchEvent(String provider, String id) {
        return ControlErrors.of(HttpStatus.NOT_FOUND, "resource_missing", "No " + provider + " event " + id + ".");
    }
}
