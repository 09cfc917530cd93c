package io.plinth.console.form;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The server's check of a submitted form, field by field: each reader returns the clean value or null, and notes
 * what is wrong in words the page shows next to the field. The browser's own checks are a convenience; these are
 * the ones that count, and nothing is sent to the platform while any field is wrong.
 */
public final class FormErrors {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private final Map<String, String> errors = new LinkedHashMap<>();

    /** A non-blank text of at most {@code max} characters, trimmed. */
    public String text(String field, String label, String value, int max) {
        String trimmed = value == null ? "" : value.trim();
        if (trimmed.isEmpty()) {
            add(field, label + " is required.");
            return null;
        }
        if (trimmed.length() > max) {
            add(field, label + " must be at most " + max + " characters.");
            return null;
        }
        return trimmed;
    }

    /** Like {@link #text} but blank is allowed (null comes back). */
    public String optionalText(String field, String label, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return text(field, label, value, max);
    }

    public String email(String field, String label, String value) {
        String text = text(field, label, value, 254);
        if (text != null && !EMAIL.matcher(text).matches()) {
            add(field, label + " must be an email address.");
            return null;
        }
        return text;
    }

    /** A whole number from {@code min} to {@code max}. */
    public Long wholeNumber(String field, String label, String value, long min, long max) {
        String text = text(field, label, value, 20);
        if (text == null) {
            return null;
        }
        long number;
        try {
            number = Long.parseLong(text);
        } catch (NumberFormatException e) {
            add(field, label + " must be a whole number.");
            return null;
        }
        if (number < min || number > max) {
            add(field, label + " must be from " + min + " to " + max + ".");
            return null;
        }
        return number;
    }

    public void add(String field, String message) {
        errors.merge(field, message, (a, b) -> a + " " + b);
    }

    public boolean any() {
        return !errors.isEmpty();
    }

    /** Field name → message, in the order the fields were checked. */
    public Map<String, String> asMap() {
        return Map.copyOf(errors).isEmpty() ? Map.of() : new LinkedHashMap<>(errors);
    }
}
