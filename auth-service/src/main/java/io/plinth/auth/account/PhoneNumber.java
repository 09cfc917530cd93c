package io.plinth.auth.account;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * E.164: country code then subscriber number, at most 15 digits, no leading zero. Stored without the
 * '+', the form M-Pesa expects (Kenya: {@code 2547XXXXXXXX}).
 */
public final class PhoneNumber {

    private static final Pattern E164 = Pattern.compile("^\\+?[1-9]\\d{7,14}$");

    private PhoneNumber() {
    }

    public static Optional<String> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String compact = raw.replace(" ", "").replace("-", "");
        if (!E164.matcher(compact).matches()) {
            return Optional.empty();
        }
        return Optional.of(compact.startsWith("+") ? compact.substring(1) : compact);
    }
}
