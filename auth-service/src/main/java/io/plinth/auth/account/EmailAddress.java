package io.plinth.auth.account;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** An email address as users type it, and the case-insensitive form uniqueness and login compare on. */
public record EmailAddress(String value, String normalized) {

    // Pragmatic: one @, no spaces, a dot in the domain, sane lengths (RFC 5321 limits: 64 local, 254 total).
    private static final Pattern SHAPE = Pattern.compile("^[^\\s@]{1,64}@[^\\s@]+\\.[^\\s@]{2,}$");

    public static Optional<EmailAddress> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String trimmed = raw.trim();
        if (trimmed.length() > 254 || !SHAPE.matcher(trimmed).matches()) {
            return Optional.empty();
        }
        return Optional.of(new EmailAddress(trimmed, normalize(trimmed)));
    }

    /** Lower case, trimmed: what login lookups and the unique index use. */
    public static String normalize(String raw) {
        return raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
    }
}
