package io.plinth.console.webhooks;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.plinth.console.form.FormErrors;
import io.plinth.console.platform.PlatformApi;
import io.plinth.console.session.Operator;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.util.UriBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every inbound webhook the ingress logged (integration-service's {@code /api/v1/admin/webhook-events}): filtered by
 * source, status, type and time, one event's payload, and replay — the event goes to its owner again, after a
 * confirmation.
 */
@Controller
class WebhookEventsController {

    static final List<String> SOURCES = List.of("stripe", "pipit", "capcut", "docusign", "zoom", "mpesa");
    static final List<String> STATUSES = List.of("accepted", "rejected", "challenge");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record WebhookEvent(String id, String source, String providerEventId, String type, String objectId,
            String signatureVerdict, String status, int httpStatus, Instant receivedAt, Instant lastReceivedAt,
            Instant processedAt, int attempts, int replays, Instant lastReplayedAt, String lastError, int payloadBytes,
            boolean payloadTruncated, String payload) {
    }

    record EventPage(List<WebhookEvent> items, String nextCursor) {
    }

    private final PlatformApi api;

    WebhookEventsController(PlatformApi api) {
        this.api = api;
    }

    @GetMapping("/console/webhook-events")
    Mono<Rendering> list(Operator operator, @RequestParam(required = false) String source,
            @RequestParam(required = false) String status, @RequestParam(required = false) String type,
            @RequestParam(required = false) String since, @RequestParam(required = false) String cursor) {
        FormErrors errors = new FormErrors();
        Map<String, String> filter = new LinkedHashMap<>();
        if (source != null && !source.isBlank()) {
            if (SOURCES.contains(source)) {
                filter.put("source", source);
            } else {
                errors.add("source", "Source must be one of " + String.join(", ", SOURCES) + ".");
            }
        }
        if (status != null && !status.isBlank()) {
            if (STATUSES.contains(status)) {
                filter.put("status", status);
            } else {
                errors.add("status", "Status must be one of " + String.join(", ", STATUSES) + ".");
            }
        }
        String eventType = errors.optionalText("type", "Type", type, 255);
        if (eventType != null) {
            filter.put("type", eventType);
        }
        if (since != null && !since.isBlank()) {
            sinceInstant(since).ifPresentOrElse(at -> filter.put("since", at.toString()),
                    () -> errors.add("since", "Since must be a date and time, e.g. 2026-11-25T10:00 (UTC)."));
        }
        Rendering.Builder<?> page = Rendering.view("webhook-events")
                .modelAttribute("sources", SOURCES).modelAttribute("statuses", STATUSES)
                .modelAttribute("source", source == null ? "" : source).modelAttribute("status", status == null ? "" : status)
                .modelAttribute("type", type == null ? "" : type).modelAttribute("since", since == null ? "" : since);
        if (errors.any()) {
            return Mono.just(page.modelAttribute("errors", errors.asMap()).modelAttribute("events", List.of())
                    .status(HttpStatus.UNPROCESSABLE_CONTENT).build());
        }
        Map<String, String> query = new LinkedHashMap<>(filter);
        if (cursor != null && !cursor.isBlank()) {
            query.put("cursor", cursor);
        }
        return api.get(operator.accessToken(), u -> withQuery(u.path("/api/v1/admin/webhook-events"), query), EventPage.class)
                .map(events -> page.modelAttribute("errors", Map.of()).modelAttribute("events", events.items())
                        .modelAttribute("nextCursor", events.nextCursor()).modelAttribute("filter", filter).build());
    }

    @GetMapping("/console/webhook-events/{id}")
    Mono<Rendering> event(Operator operator, @PathVariable String id, @RequestParam(required = false) String replayed) {
        return event(operator, id).map(event -> Rendering.view("webhook-event").modelAttribute("event", event)
                .modelAttribute("payload", pretty(event.payload())).modelAttribute("replayed", replayed != null).build());
    }

    @GetMapping("/console/webhook-events/{id}/replay")
    Mono<Rendering> confirmReplay(Operator operator, @PathVariable String id) {
        return event(operator, id).map(event -> Rendering.view("confirm")
                .modelAttribute("heading", "Replay this " + event.source() + " event?")
                .modelAttribute("message", "Its owner receives " + (event.type() == null ? "the event" : event.type())
                        + " again and acts on it as if it had just arrived; owners ignore events they already handled.")
                .modelAttribute("action", "/console/webhook-events/" + event.id() + "/replay")
                .modelAttribute("button", "Replay")
                .modelAttribute("cancel", "/console/webhook-events/" + event.id()).build());
    }

    @PostMapping("/console/webhook-events/{id}/replay")
    Mono<Rendering> replay(Operator operator, @PathVariable String id) {
        return api.send(operator.accessToken(), HttpMethod.POST,
                        u -> u.path("/api/v1/admin/webhook-events/{id}/replay").build(id), null, Map.of(), WebhookEvent.class)
                .map(event -> Rendering.redirectTo("/console/webhook-events/" + event.id() + "?replayed=1").build());
    }

    private Mono<WebhookEvent> event(Operator operator, String id) {
        return api.get(operator.accessToken(), u -> u.path("/api/v1/admin/webhook-events/{id}").build(id), WebhookEvent.class);
    }

    private static java.net.URI withQuery(UriBuilder builder, Map<String, String> query) {
        query.keySet().forEach(name -> builder.queryParam(name, "{" + name + "}"));
        return builder.build(query);
    }

    /** A datetime-local value (no zone; the page says UTC) or a full ISO instant. */
    static Optional<Instant> sinceInstant(String value) {
        String text = value.strip();
        if (text.length() > 40) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException notInstant) {
            try {
                return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }

    /** JSON indented for reading; anything else as it came. */
    static String pretty(String payload) {
        if (payload == null) {
            return "";
        }
        try {
            JsonNode tree = JSON.readTree(payload);
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        } catch (JacksonException e) {
            return payload;
        }
    }
}
