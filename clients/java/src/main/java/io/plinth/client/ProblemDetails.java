package io.plinth.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A refusal as the platform described it (RFC 9457 body, {@code X-Request-Id} and
 * {@code Retry-After} headers), before it becomes a typed exception.
 */
record ProblemDetails(int status, String code, String detail, String requestId, Duration retryAfter,
                      List<FieldError> errors, Map<String, Object> properties) {

    ProblemDetails {
        errors = errors == null ? List.of() : List.copyOf(errors);
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    static ProblemDetails of(int status, String code, String detail) {
        return new ProblemDetails(status, code, detail, null, null, List.of(), Map.of());
    }

    String message() {
        String text = detail == null || detail.isBlank() ? code : code + ": " + detail;
        return requestId == null ? text : text + " (request id " + requestId + ")";
    }
}
