package io.plinth.integration.zoom;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A Zoom meeting scheduled for a tenant: ours by {@code id}, Zoom's by {@code zoomMeetingId}; {@code events} are the
 * meeting's webhooks as they arrived (oldest first). {@code startUrl} (it lets its holder start the meeting as host)
 * is only in the answer to the request that created it and never stored.
 */
public record Meeting(UUID id, String tenantId, String userId, String zoomMeetingId, String zoomUuid, String topic,
        Instant startTime, int durationMinutes, String timezone, String joinUrl, String startUrl, String status,
        List<Event> events, Instant createdAt, Instant updatedAt) {

    /** One recorded Zoom event about the meeting. */
    public record Event(String type, Instant occurredAt, Instant receivedAt) {
    }

    Meeting withStartUrl(String url) {
        return new Meeting(id, tenantId, userId, zoomMeetingId, zoomUuid, topic, startTime, durationMinutes, timezone,
                joinUrl, url, status, events, createdAt, updatedAt);
    }

    Meeting withEvents(List<Event> recorded) {
        return new Meeting(id, tenantId, userId, zoomMeetingId, zoomUuid, topic, startTime, durationMinutes, timezone,
                joinUrl, startUrl, status, recorded, createdAt, updatedAt);
    }
}
