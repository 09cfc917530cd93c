package io.plinth.video;

import io.plinth.platform.problem.DomainProblems;
import io.plinth.web.Problem;
import org.springframework.stereotype.Component;

/**
 * video-service's one mapping from its domain refusals to problem+json: the only place that knows
 * which HTTP status each {@link VideoRefusal.Reason} is.
 */
@Component
class VideoProblemMapping implements DomainProblems {

    @Override
    public Problem toProblem(Throwable error) {
        if (!(error instanceof VideoRefusal e)) {
            return null;
        }
        Problem problem = Problem.of(status(e.reason()), e.code(), e.getMessage());
        return e.retryAfter().map(problem::withRetryAfter).orElse(problem);
    }

    static int status(VideoRefusal.Reason reason) {
        return switch (reason) {
            case NOT_FOUND -> 404;
            case NOT_STORED -> 409;
            case UNAVAILABLE -> 503;
        };
    }
}
