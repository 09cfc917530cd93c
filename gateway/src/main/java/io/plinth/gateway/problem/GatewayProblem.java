package io.plinth.gateway.problem;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * An error the gateway itself answers (as opposed to a downstream's own 4xx/5xx, which passes
 * through untouched). Signal it with {@code Mono.error(...)} from any filter; {@link
 * GatewayErrorHandler} renders it as problem+json.
 *
 * @param status  HTTP status
 * @param code    stable snake_case code clients branch on
 * @param detail  a sentence safe to show to the client
 * @param headers headers that belong to the error, e.g. {@code Retry-After}
 */
public record GatewayProblem(HttpStatus status, String code, String detail, Map<String, String> headers) {

    public static final String SERVICE_UNAVAILABLE = "service_unavailable";
    public static final String PAYLOAD_TOO_LARGE = "payload_too_large";
    public static final String CORS_REJECTED = "cors_rejected";
    public static final String NOT_FOUND = "not_found";
    public static final String INTERNAL_ERROR = "internal_error";

    public GatewayProblem {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
        headers = Map.copyOf(headers);
    }

    public static GatewayProblem of(HttpStatus status, String code, String detail) {
        return new GatewayProblem(status, code, detail, Map.of());
    }

    public static GatewayProblem serviceUnavailable(String detail, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new GatewayProblem(HttpStatus.SERVICE_UNAVAILABLE, SERVICE_UNAVAILABLE, detail,
                Map.of(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
    }

    public static GatewayProblem payloadTooLarge(long maxBytes) {
        return of(HttpStatus.CONTENT_TOO_LARGE, PAYLOAD_TOO_LARGE,
                "The request body is larger than the " + maxBytes + " bytes this API accepts.");
    }

    /** The exception form, for {@code Mono.error(problem.exception())}. */
    public GatewayProblemException exception() {
        return new GatewayProblemException(this);
    }
}
