package io.plinth.video;

import java.time.Duration;
import java.util.Optional;

/**
 * Why video-service will not do what was asked, in its own terms: domain code raises this and knows
 * nothing of HTTP; {@link VideoProblemMapping} is the one place that says which status each reason is.
 */
public final class VideoRefusal extends RuntimeException {

    /** What went wrong, as the caller should understand it. */
    public enum Reason {
        /** Missing, or someone else's (the two are indistinguishable on purpose). */
        NOT_FOUND,
        /** The record exists but its file does not (an export still running). */
        NOT_STORED,
        /** A provider or a service this one depends on cannot be asked right now. */
        UNAVAILABLE
    }

    private final Reason reason;
    private final String code;
    private final Duration retryAfter;

    private VideoRefusal(Reason reason, String code, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.reason = reason;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public static VideoRefusal notFound(String message) {
        return new VideoRefusal(Reason.NOT_FOUND, "not_found", message, null);
    }

    public static VideoRefusal notStored(String code, String message) {
        return new VideoRefusal(Reason.NOT_STORED, code, message, null);
    }

    public static VideoRefusal unavailable(String code, String message, Duration retryAfter) {
        return new VideoRefusal(Reason.UNAVAILABLE, code, message, retryAfter);
    }

    public Reason reason() {
        return reason;
    }

    public String code() {
        return code;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
