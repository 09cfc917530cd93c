package io.plinth.video;

import io.plinth.platform.problem.DomainProblems;
import io.plinth.video.refusal.VideoException;
import io.plinth.web.Problem;
import org.springframework.stereotype.Component;

/**
 * video-service's one mapping from its domain refusals to problem+json: the only place that knows
 * which HTTP status each {@link VideoException.Reason} is.
 */
@Component
class VideoProblemMapping implements DomainProblems {

    @Override
    public Problem toProblem(Throwable error) {
        if (error instanceof VideoException e) {
            Problem problem = Problem.of(status(e.reason()), e.reason().code(), e.getMessage());
            return e.retryAfter().map(problem::withRetryAfter).orElse(problem);
        }
        return null;
    }

    static int status(VideoException.Reason reason) {
        return switch (reason) {
            case NOT_FOUND -> 404;
            case VIDEO_NOT_STORED -> 409;
            case CAPCUT_UNAVAILABLE, PLAYBACK_UNAVAILABLE -> 503;
        };
    }
}
