package io.plinth.integration.notion;

import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** What one Notion call came to: the answer, worth retrying (429, 5xx, silence), or refused (another 4xx). */
sealed interface NotionResult {

    record Ok(JsonNode body) implements NotionResult {
    }

    /** {@code retryAfter} is Notion's {@code Retry-After}, or null. */
    record Retry(String reason, Duration retryAfter) implements NotionResult {
    }

    record Refused(int status, String code, String reason) implements NotionResult {
    }
}
