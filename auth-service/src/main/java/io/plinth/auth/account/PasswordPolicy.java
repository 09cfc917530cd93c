package io.plinth.auth.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * At least {@value #MIN_LENGTH} characters and not one of the most common passwords (the list ships as
 * {@code common-passwords.txt}, compared case-insensitively). Deliberately no composition rules: length
 * and a deny-list is what NIST SP 800-63B recommends.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 256;

    private final Set<String> common;

    public PasswordPolicy(Set<String> common) {
        this.common = Set.copyOf(common);
    }

    /** Loads the shipped list. */
    public static PasswordPolicy withShippedList() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("/common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt is missing from the classpath");
            }
            Set<String> words = new HashSet<>();
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .forEach(line -> words.add(line.toLowerCase(Locale.ROOT)));
            return new PasswordPolicy(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Why the password is refused, or empty when it is acceptable. */
    public Optional<Violation> check(String password) {
        if (password == null || password.isEmpty()) {
            return Optional.of(new Violation("required", "A password is required."));
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of(new Violation("too_short", "Use at least " + MIN_LENGTH + " characters."));
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of(new Violation("too_long", "Use at most " + MAX_LENGTH + " characters."));
        }
        if (common.contains(password.toLowerCase(Locale.ROOT))) {
            return Optional.of(new Violation("too_common", "This password is too common; choose another."));
        }
        return Optional.empty();
    }

    public record Violation(String code, String message) {
    }
}
