package io.plinth.integration.zoom.api;

import io.plinth.integration.outbound.Callers;
import io.plinth.integration.zoom.Meeting;
import io.plinth.integration.zoom.Meetings;
import io.plinth.integration.zoom.ScheduleMeeting;
import io.plinth.platform.security.CurrentUser;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/meetings} (201, a Zoom meeting scheduled through the tenant's Zoom) and
 * {@code GET /api/v1/meetings/{id}} (with its recorded events); another tenant's meeting is a 404.
 */
@RestController
class MeetingController {

    private final Meetings meetings;

    MeetingController(Meetings meetings) {
        this.meetings = meetings;
    }

    record ScheduleRequest(String topic, String startTime, Integer durationMinutes, String timezone) {
    }

    record MeetingResponse(UUID id, String zoomMeetingId, String topic, Instant startTime, int durationMinutes,
            String timezone, String joinUrl, String startUrl, String status, List<Meeting.Event> events,
            Instant createdAt, Instant updatedAt) {

        static MeetingResponse of(Meeting m) {
            return new MeetingResponse(m.id(), m.zoomMeetingId(), m.topic(), m.startTime(), m.durationMinutes(),
                    m.timezone(), m.joinUrl(), m.startUrl(), m.status(), m.events(), m.createdAt(), m.updatedAt());
        }
    }

    @PostMapping("/api/v1/meetings")
    Mono<ResponseEntity<MeetingResponse>> schedule(CurrentUser user, @RequestBody ScheduleRequest body) {
        return Mono.defer(() -> meetings.schedule(Callers.tenant(user), user.userId(),
                        new ScheduleMeeting(body.topic(), body.startTime(), body.durationMinutes(), body.timezone())))
                .map(m -> ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/v1/meetings/" + m.id()))
                        .body(MeetingResponse.of(m)));
    }

    @GetMapping("/api/v1/meetings/{id}")
    Mono<MeetingResponse> get(CurrentUser user, @PathVariable String id) {
        return Mono.defer(() -> meetings.get(Callers.tenant(user), Callers.id(id, "meeting"))).map(MeetingResponse::of);
    }
}
