package io.plinth.gateway.problem;

import java.time.Duration;

import io.plinth.web.Problem;
import io.plinth.web.ProblemCodes;
import org.springframework.http.HttpStatus;

/**
 * The problems only the gateway answers. A filter signals one with {@code Mono.error(problem.exception())}
 * (or writes it through {@link io.plinth.web.ProblemWriter}); {@link GatewayErrorHandler} renders it as is.
 */
public final class GatewayProblems {

    private static final Duration AT_LEAST = Duration.ofSeconds(1);

    private GatewayProblems() {
    }

    /** 503 with a {@code Retry-After} of at least a second: a client told "0" would retry at once. */
    public static Problem serviceUnavailable(String detail, Duration retryAfter) {
        return Problem.of(HttpStatus.SERVICE_UNAVAILABLE.value(), ProblemCodes.SERVICE_UNAVAILABLE, detail)
                .withRetryAfter(retryAfter.compareTo(AT_LEAST) < 0 ? AT_LEAST : retryAfter);
    }

    public static Problem payloadTooLarge(long maxBytes) {
        return Problem.of(HttpStatus.CONTENT_TOO_LARGE.value(), ProblemCodes.PAYLOAD_TOO_LARGE,
                "The request body is larger than the " + maxBytes + " bytes this API accepts.");
    }
}
