package io.plinth.integration.zoom;

import io.plinth.integration.outbound.InvalidRequest;
import io.plinth.integration.outbound.NotFound;
import io.plinth.integration.registry.IntegrationKey;
import io.plinth.integration.registry.IntegrationRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Zoom meetings per tenant: schedule one through the tenant's Zoom (nothing stored unless Zoom created it), read one
 * with its recorded events (another tenant's is not found), and record the meeting webhooks the ingress verified.
 */
@Service
public class Meetings {

    private static final Logger log = LoggerFactory.getLogger(Meetings.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final IntegrationRegistry registry;
    private final Zoom zoom;
    private final MeetingStore store;
    private final Clock clock;

    Meetings(IntegrationRegistry registry, Zoom zoom, MeetingStore store, Clock clock) {
        this.registry = registry;
        this.zoom = zoom;
        this.store = store;
        this.clock = clock;
    }

    public Mono<Meeting> schedule(String tenantId, String userId, ScheduleMeeting request) {
        return Mono.defer(() -> {
            Instant start = request.validate(clock.instant());
            return registry.usable(tenantId, IntegrationKey.ZOOM).flatMap(usable -> {
                Integer minutes = request.durationMinutes() != null ? request.durationMinutes()
                        : usable.settings().get("defaultDurationMinutes") instanceof Number n ? n.intValue() : null;
                if (minutes == null) {
                    throw ScheduleMeeting.missingDuration();
                }
                ScheduleMeeting.duration(minutes).ifPresent(v -> {
                    throw new InvalidRequest(List.of(v));
                });
                String timezone = request.timezone() != null ? request.timezone()
                        : usable.settings().get("timezone") instanceof String s && !s.isBlank() ? s : "UTC";
                return zoom.schedule(usable.credentials(), request.topic(), start, minutes, timezone).flatMap(created -> {
                    Instant now = now();
                    Meeting meeting = new Meeting(UUID.randomUUID(), tenantId, userId, created.id(), created.uuid(),
                            request.topic(), start.truncatedTo(ChronoUnit.SECONDS), minutes, timezone, created.joinUrl(),
                            null, MeetingStatus.SCHEDULED.id(), List.of(), now, now);
                    return store.insert(meeting).map(saved -> saved.withStartUrl(created.startUrl()));
                });
            }).doOnNext(m -> log.info("Scheduled Zoom meeting {} ({}) for tenant {}", m.zoomMeetingId(), m.id(), tenantId));
        });
    }

    public Mono<Meeting> get(String tenantId, UUID id) {
        return store.find(tenantId, id).switchIfEmpty(Mono.error(() -> new NotFound("No meeting " + id + ".")))
                .flatMap(m -> store.events(m.id()).collectList().map(m::withEvents));
    }

    /**
     * Records one Zoom event ({@code {event, event_ts, payload: {object: {id, uuid}}}}) against its meeting and moves
     * the meeting's status as the state machine allows; runs inside the consumer's inbox transaction. The same event
     * twice is recorded once; events about meetings Plinth did not schedule change nothing.
     */
    Mono<Void> applyEvent(String payload) {
        return Mono.defer(() -> {
            JsonNode body = JSON.readTree(payload);
            String event = body.path("event").asString("");
            JsonNode object = body.path("payload").path("object");
            String zoomId = object.path("id").asString(null);
            String uuid = object.path("uuid").asString(null);
            if (!event.startsWith("meeting.") || (zoomId == null && uuid == null)) {
                return Mono.empty();
            }
            Instant occurred = Instant.ofEpochMilli(body.path("event_ts").asLong(clock.millis())).truncatedTo(ChronoUnit.MICROS);
            return store.record(zoomId, uuid, event, occurred, now())
                    .flatMap(meetingId -> MeetingStatus.ofEvent(event)
                            .map(to -> store.move(meetingId, to.from(), to, now()).thenReturn(meetingId))
                            .orElse(Mono.just(meetingId)))
                    .doOnNext(meetingId -> log.info("Recorded Zoom {} for meeting {} ({})", event, zoomId, meetingId))
                    .switchIfEmpty(Mono.fromRunnable(() -> log.info("Zoom {} for meeting {} not recorded: not a meeting"
                            + " Plinth scheduled, or recorded before", event, zoomId)))
                    .then();
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
