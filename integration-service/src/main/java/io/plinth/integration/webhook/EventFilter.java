package io.plinth.integration.webhook;

import java.time.Instant;
import java.util.UUID;

/**
 * The admin list's filters, each optional, and the position to continue after.
 *
 * @param after the last row of the previous page (from its cursor), or null for the first page
 */
public record EventFilter(String source, String status, String type, Instant since, Position after) {

    /** A row's place in the newest-first order. */
    public record Position(Instant receivedAt, UUID id) {
    }
}
