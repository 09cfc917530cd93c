package io.plinth.video.credit;

/** Credit-service could not be asked: down, too slow, failing, or its circuit is open. */
public final class CreditsUnavailable extends RuntimeException {

    CreditsUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
