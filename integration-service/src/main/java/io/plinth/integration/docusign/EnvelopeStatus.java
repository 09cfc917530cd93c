package io.plinth.integration.docusign;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An envelope's states and the only moves between them. Connect reports each change; a report that would move an
 * envelope backwards or out of an ended state (a late {@code envelope-sent} after {@code envelope-completed}, a
 * second {@code envelope-completed}) is no move at all, which is what makes out-of-order and repeated deliveries
 * harmless.
 */
enum EnvelopeStatus {
    SENT, DELIVERED, COMPLETED, DECLINED, VOIDED;

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static EnvelopeStatus of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    boolean ended() {
        return this == COMPLETED || this == DECLINED || this == VOIDED;
    }

    /** The states an envelope may be in for a move to this one. */
    Set<EnvelopeStatus> from() {
        return switch (this) {
            case SENT -> EnumSet.noneOf(EnvelopeStatus.class);
            case DELIVERED -> EnumSet.of(SENT);
            case COMPLETED, DECLINED, VOIDED -> EnumSet.of(SENT, DELIVERED);
        };
    }

    boolean canMoveTo(EnvelopeStatus next) {
        return next.from().contains(this);
    }

    /** The state a Connect event reports ({@code envelope-completed} → COMPLETED); empty for events about other things. */
    static Optional<EnvelopeStatus> ofConnectEvent(String event) {
        return switch (event) {
            case "envelope-sent", "envelope-resent" -> Optional.of(SENT);
            case "envelope-delivered" -> Optional.of(DELIVERED);
            case "envelope-completed" -> Optional.of(COMPLETED);
            case "envelope-declined" -> Optional.of(DECLINED);
            case "envelope-voided" -> Optional.of(VOIDED);
            default -> Optional.empty();
        };
    }
}
