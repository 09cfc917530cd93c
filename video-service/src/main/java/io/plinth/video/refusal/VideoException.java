package io.plinth.video.refusal;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A refusal of video-service's domain code: a {@link Reason} and a sentence safe to show. Plain Java,
 * no HTTP: {@code io.plinth.video.VideoProblemMapping} decides which status each reason becomes.
 */
public final class VideoException extends RuntimeException {

    /** Why, with the stable problem {@code code} clients branch on (API.md). */
    public enum Reason {
        NOT_FOUND("not_found"),
        /** The video has no stored file (yet) to download. */
        VIDEO_NOT_STORED("video_not_stored"),
        /** CapCut's export API did not take the export. */
        CAPCUT_UNAVAILABLE("capcut_unavailable"),
        /** VdoCipher gave no playback OTP. */
        PLAYBACK_UNAVAILABLE("playback_unavailable");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;
    private final Duration retryAfter;

    private VideoException(Reason reason, String detail, Duration retryAfter) {
        super(detail);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.retryAfter = retryAfter;
    }

    public static VideoException notFound(String detail) {
        return new VideoException(Reason.NOT_FOUND, detail, null);
    }

    public static VideoException notStored(String detail) {
        return new VideoException(Reason.VIDEO_NOT_STORED, detail, null);
    }

    /** A provider this request needs is down; nothing was changed, retry after {@code retryAfter}. */
    public static VideoException unavailable(Reason reason, String detail, Duration retryAfter) {
        return new VideoException(reason, detail, Objects.requireNonNull(retryAfter, "retryAfter"));
    }

    public Reason reason() {
        return reason;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
