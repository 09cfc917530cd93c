package io.plinth.events;

import java.util.List;

/**
 * Kafka topic names: one per producing domain, versioned in the name. A breaking change to an event
 * is a new topic version, never an edit of these strings.
 */
public final class Topics {

    public static final String USERS = "plinth.users.v1";
    public static final String PAYMENTS = "plinth.payments.v1";
    public static final String CREDITS = "plinth.credits.v1";
    public static final String VIDEOS = "plinth.videos.v1";
    public static final String WEBHOOKS = "plinth.webhooks.v1";
    public static final String SIGNATURES = "plinth.signatures.v1";

    /** Suffix of the dead-letter topic a consumer parks events on after its retries are exhausted. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    private Topics() {
    }

    public static List<String> all() {
        return List.of(USERS, PAYMENTS, CREDITS, VIDEOS, WEBHOOKS, SIGNATURES);
    }

    /** {@code plinth.payments.v1} → {@code plinth.payments.v1.dlt}. */
    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
