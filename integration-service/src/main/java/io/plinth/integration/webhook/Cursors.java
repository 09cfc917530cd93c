package io.plinth.integration.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/** Opaque list cursors: a row's place ({@code received_at}, id), base64url. */
public final class Cursors {

    private Cursors() {
    }

    public static String of(WebhookEventRow row) {
        String raw = row.receivedAt().getEpochSecond() + ":" + row.receivedAt().getNano() + ":" + row.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor names; empty for anything that is not one of ours. */
    public static Optional<EventFilter.Position> parse(String cursor) {
        if (cursor == null || cursor.length() > 200) {
            return Optional.empty();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", 3);
            if (parts.length != 3) {
                return Optional.empty();
            }
            Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            return Optional.of(new EventFilter.Position(at, UUID.fromString(parts[2])));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
