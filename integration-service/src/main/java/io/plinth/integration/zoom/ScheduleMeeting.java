package io.plinth.integration.zoom;

import io.plinth.integration.outbound.InvalidRequest;
import io.plinth.integration.outbound.InvalidRequest.Violation;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A request to schedule a meeting: a topic, a start in the future (ISO-8601 with an offset, e.g.
 * {@code 2026-12-01T10:00:00Z}), a positive length in minutes (or the tenant's {@code defaultDurationMinutes}) and
 * an optional IANA time zone (or the tenant's {@code timezone}, else UTC).
 */
public record ScheduleMeeting(String topic, String startTime, Integer durationMinutes, String timezone) {

    static final int MAX_MINUTES = 24 * 60;

    /** The parsed start; throws {@link InvalidRequest} naming every bad field. */
    Instant validate(Instant now) {
        List<Violation> errors = new ArrayList<>();
        if (topic == null || topic.isBlank()) {
            errors.add(new Violation("topic", "required", "topic is required."));
        } else if (topic.length() > 200) {
            errors.add(new Violation("topic", "too_long", "topic is at most 200 characters (Zoom's limit)."));
        }
        Instant start = null;
        if (startTime == null || startTime.isBlank()) {
            errors.add(new Violation("startTime", "required", "startTime is required."));
        } else {
            try {
                start = OffsetDateTime.parse(startTime).toInstant();
                if (!start.isAfter(now)) {
                    errors.add(new Violation("startTime", "in_the_past", "startTime must be in the future."));
                }
            } catch (DateTimeParseException e) {
                errors.add(new Violation("startTime", "invalid_date_time",
                        "startTime must be an ISO-8601 date-time with an offset, e.g. 2026-12-01T10:00:00Z."));
            }
        }
        if (durationMinutes != null) {
            duration(durationMinutes).ifPresent(errors::add);
        }
        if (timezone != null) {
            try {
                ZoneId.of(timezone);
            } catch (DateTimeException e) {
                errors.add(new Violation("timezone", "invalid_time_zone", "timezone must be an IANA zone such as Europe/Berlin."));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        return start;
    }

    static java.util.Optional<Violation> duration(int minutes) {
        if (minutes < 1) {
            return java.util.Optional.of(new Violation("durationMinutes", "not_positive", "durationMinutes must be at least 1."));
        }
        if (minutes > MAX_MINUTES) {
            return java.util.Optional.of(new Violation("durationMinutes", "too_long",
                    "durationMinutes is at most " + MAX_MINUTES + "."));
        }
        return java.util.Optional.empty();
    }

    static InvalidRequest missingDuration() {
        return new InvalidRequest(List.of(new Violation("durationMinutes", "required",
                "durationMinutes is required: this tenant's Zoom settings name no defaultDurationMinutes.")));
    }
}
