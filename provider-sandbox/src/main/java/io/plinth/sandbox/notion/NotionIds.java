package io.plinth.sandbox.notion;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Notion ids are UUIDs, accepted with or without dashes and stored dashed, lower case. */
final class NotionIds {

    private static final Pattern ID = Pattern.compile(
            "[0-9a-fA-F]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private NotionIds() {
    }

    static Optional<String> dashed(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        String hex = id.replace("-", "").toLowerCase(Locale.ROOT);
        return Optional.of(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20));
    }
}
