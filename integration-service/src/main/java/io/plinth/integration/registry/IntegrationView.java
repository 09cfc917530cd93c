package io.plinth.integration.registry;

import java.time.Instant;
import java.util.Map;

/**
 * One integration as admins see it. Credentials only masked ({@code ****} and, for values of 16 characters or
 * more, their last four); {@code credentialsReadable} is false when the stored ones do not open with the configured
 * keys (credentials are then an empty map).
 */
public record IntegrationView(String key, boolean configured, boolean enabled, Map<String, String> credentials,
        boolean credentialsReadable, Map<String, Object> settings, LastTest lastTest, Instant createdAt,
        Instant updatedAt) {

    /** The last connection test, or null when there was none. */
    public record LastTest(boolean ok, long latencyMs, String message, Instant at) {
    }

    static final String MASK = "****";

    static String mask(String value) {
        return value.length() >= 16 ? MASK + value.substring(value.length() - 4) : MASK;
    }
}
