package io.plinth.integration.webhook.api;

import io.plinth.integration.webhook.Cursors;
import io.plinth.integration.webhook.EventFilter;
import io.plinth.integration.webhook.Provider;
import io.plinth.integration.webhook.WebhookEventRow;
import io.plinth.integration.webhook.WebhookEvents;
import io.plinth.platform.problem.ApiException;
import io.plinth.platform.problem.FieldViolation;
import io.plinth.platform.security.AdminOnly;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Every inbound webhook, for admins: {@code GET /api/v1/admin/webhook-events?source=&status=&type=&since=&limit=&cursor=}
 * (newest first, {@code {items, nextCursor}}), {@code GET …/{id}}, and {@code POST …/{id}/replay}.
 */
@RestController
class WebhookAdminController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    private static final Set<String> STATUSES = Set.of("accepted", "rejected", "challenge");

    private final WebhookEvents events;

    WebhookAdminController(WebhookEvents events) {
        this.events = events;
    }

    record WebhookEventView(String id, String source, String providerEventId, String type, String objectId,
            String signatureVerdict, String status, int httpStatus, Instant receivedAt, Instant lastReceivedAt,
            Instant processedAt, int attempts, int replays, Instant lastReplayedAt, String lastError, int payloadBytes,
            boolean payloadTruncated, String payload) {

        static WebhookEventView of(WebhookEventRow r) {
            return new WebhookEventView(r.id().toString(), r.source(), r.providerEventId(), r.eventType(), r.objectId(),
                    r.signatureVerdict(), r.status(), r.httpStatus(), r.receivedAt(), r.lastReceivedAt(),
                    r.processedAt(), r.attempts(), r.replays(), r.lastReplayedAt(), r.lastError(), r.payloadBytes(),
                    r.payloadTruncated(), r.payload());
        }
    }

    record PageView(List<WebhookEventView> items, String nextCursor) {
    }

    @AdminOnly
    @GetMapping("/api/v1/admin/webhook-events")
    Mono<PageView> list(@RequestParam(required = false) String source, @RequestParam(required = false) String status,
            @RequestParam(required = false) String type, @RequestParam(required = false) String since,
            @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        List<FieldViolation> errors = new ArrayList<>();
        if (source != null && Provider.fromId(source).isEmpty()) {
            errors.add(FieldViolation.of("source", "invalid_value", "source must be one of stripe, pipit, capcut, docusign, zoom, mpesa."));
        }
        if (status != null && !STATUSES.contains(status)) {
            errors.add(FieldViolation.of("status", "invalid_value", "status must be accepted, rejected or challenge."));
        }
        if (type != null && (type.isBlank() || type.length() > 255)) {
            errors.add(FieldViolation.of("type", "invalid_value", "type must be 1 to 255 characters."));
        }
        Instant sinceAt = null;
        if (since != null) {
            try {
                sinceAt = Instant.parse(since);
            } catch (DateTimeParseException e) {
                errors.add(FieldViolation.of("since", "invalid_timestamp", "since must be an ISO-8601 UTC time, e.g. 2026-11-25T10:00:00Z."));
            }
        }
        int size = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_LIMIT) {
                errors.add(FieldViolation.of("limit", "out_of_range", "limit must be a whole number from 1 to " + MAX_LIMIT + "."));
            }
        }
        Optional<EventFilter.Position> after = cursor == null ? Optional.empty() : Cursors.parse(cursor);
        if (cursor != null && after.isEmpty()) {
            errors.add(FieldViolation.of("cursor", "invalid_cursor", "cursor must be a nextCursor from an earlier page."));
        }
        if (!errors.isEmpty()) {
            return Mono.error(ApiException.unprocessable(errors));
        }
        return events.list(new EventFilter(source, status, type, sinceAt, after.orElse(null)), size)
                .map(page -> new PageView(page.items().stream().map(WebhookEventView::of).toList(), page.nextCursor()));
    }

    @AdminOnly
    @GetMapping("/api/v1/admin/webhook-events/{id}")
    Mono<WebhookEventView> one(@PathVariable String id) {
        return parse(id).flatMap(events::find).map(WebhookEventView::of).onErrorMap(WebhookAdminController::problem);
    }

    @AdminOnly
    @PostMapping("/api/v1/admin/webhook-events/{id}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<WebhookEventView> replay(@PathVariable String id) {
        return parse(id).flatMap(events::replay).map(WebhookEventView::of).onErrorMap(WebhookAdminController::problem);
    }

    private static Mono<UUID> parse(String id) {
        try {
            return Mono.just(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Mono.error(ApiException.notFound("No webhook event " + id + "."));
        }
    }

    private static Throwable problem(Throwable e) {
        if (e instanceof WebhookEvents.UnknownWebhookEvent) {
            return ApiException.notFound(e.getMessage());
        }
        if (e instanceof WebhookEvents.NotReplayable) {
            return ApiException.conflict("not_replayable", e.getMessage());
        }
        return e;
    }
}
