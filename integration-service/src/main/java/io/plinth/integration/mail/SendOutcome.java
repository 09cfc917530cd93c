package io.plinth.integration.mail;

import java.time.Duration;

/** What became of one send: sent, worth retrying (429, 5xx, silence), or refused for good (a 400). */
sealed interface SendOutcome {

    record Sent(String transport, String messageId) implements SendOutcome {
    }

    /** {@code retryAfter} is what the provider asked for, or null. */
    record Retry(String reason, Duration retryAfter) implements SendOutcome {
    }

    record Rejected(String reason) implements SendOutcome {
    }
}
