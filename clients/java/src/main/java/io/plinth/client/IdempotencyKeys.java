package io.plinth.client;

import java.util.UUID;

/** Keys for calls that move credits: one per logical call, random, so no two calls ever share one. */
final class IdempotencyKeys {

    private static final int MAX_LENGTH = 255;

    private IdempotencyKeys() {
    }

    static String generate() {
        return UUID.randomUUID().toString();
    }

    /** The caller's own key, checked as the platform would (1–255 visible ASCII characters), or a new one. */
    static String orGenerate(String callerKey) {
        if (callerKey == null) {
            return generate();
        }
        if (callerKey.isEmpty() || callerKey.length() > MAX_LENGTH
                || !callerKey.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            throw new IllegalArgumentException("idempotencyKey must be 1 to 255 visible ASCII characters");
        }
        return callerKey;
    }
}
