package io.plinth.integration.zoom;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A meeting's states as its webhooks report them. A late {@code meeting.started} after {@code meeting.ended} is
 * recorded as an event but moves nothing; a meeting can start again after it ended (Zoom reuses scheduled meetings).
 */
enum MeetingStatus {
    SCHEDULED, STARTED, ENDED;

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The states a meeting may be in for a move to this one. */
    Set<MeetingStatus> from() {
        return switch (this) {
            case SCHEDULED -> EnumSet.noneOf(MeetingStatus.class);
            case STARTED -> EnumSet.of(SCHEDULED, ENDED);
            case ENDED -> EnumSet.of(STARTED);
        };
    }

    static Optional<MeetingStatus> ofEvent(String event) {
        return switch (event) {
            case "meeting.started" -> Optional.of(STARTED);
            case "meeting.ended" -> Optional.of(ENDED);
            default -> Optional.empty();
        };
    }
}
