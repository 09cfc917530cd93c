package io.plinth.integration.registry;

import java.util.Optional;
import java.util.regex.Pattern;

/** The type of one setting, and what a value of it must look like (values as JSON gives them). */
public enum SettingType {
    STRING("a string of 1 to 500 characters"),
    BOOLEAN("true or false"),
    INTEGER("a whole number"),
    EMAIL("an email address"),
    /** Notion ids are UUIDs, written with or without dashes. */
    NOTION_ID("a Notion database id (32 hex digits, dashes optional)");

    private static final Pattern EMAIL_ADDRESS = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern NOTION = Pattern.compile(
            "[0-9a-fA-F]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final String expected;

    SettingType(String expected) {
        this.expected = expected;
    }

    /** Empty when {@code value} is acceptable; otherwise what was expected. */
    Optional<String> problem(Object value) {
        boolean ok = switch (this) {
            case STRING -> value instanceof String s && !s.isBlank() && s.length() <= 500;
            case BOOLEAN -> value instanceof Boolean;
            case INTEGER -> value instanceof Integer || value instanceof Long;
            case EMAIL -> value instanceof String s && s.length() <= 254 && EMAIL_ADDRESS.matcher(s).matches();
            case NOTION_ID -> value instanceof String s && NOTION.matcher(s).matches();
        };
        return ok ? Optional.empty() : Optional.of("must be " + expected);
    }
}
