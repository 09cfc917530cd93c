package io.plinth.platform.problem;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an error becomes before it is rendered: everything of the RFC 9457 body except the
 * per-request members ({@code instance}, {@code requestId}) plus the headers to send with it.
 *
 * @param status     HTTP status
 * @param code       stable snake_case code
 * @param detail     a sentence safe to show to the client (never internals)
 * @param errors     per-field violations, possibly empty
 * @param properties extra members, possibly empty
 * @param headers    response headers that belong to the error (Allow, Retry-After, Accept)
 */
public record Problem(int status, String code, String detail, List<FieldViolation> errors,
                      Map<String, Object> properties, Map<String, String> headers) {

    public Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
        errors = List.copyOf(errors);
        properties = Map.copyOf(properties);
        headers = Map.copyOf(headers);
    }

    public static Problem of(int status, String code, String detail) {
        return new Problem(status, code, detail, List.of(), Map.of(), Map.of());
    }

    public Problem withErrors(List<FieldViolation> fieldErrors) {
        return new Problem(status, code, detail, fieldErrors, properties, headers);
    }

    public Problem withHeaders(Map<String, String> extraHeaders) {
        return new Problem(status, code, detail, errors, properties, extraHeaders);
    }

    public boolean isServerError() {
        return status >= 500;
    }
}
