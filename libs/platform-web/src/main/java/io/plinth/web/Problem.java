package io.plinth.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * What an error becomes before it is rendered, at the gateway and in every service: everything of
 * the RFC 9457 body except the per-request members ({@code instance}, {@code requestId}) plus the
 * headers to send with it. {@link ProblemWriter} renders it.
 *
 * @param status     HTTP status
 * @param code       stable snake_case code clients branch on
 * @param detail     a sentence safe to show to the client (never internals)
 * @param errors     per-field violations, possibly empty
 * @param properties extra members, possibly empty
 * @param headers    response headers that belong to the error (Allow, Retry-After, Accept, WWW-Authenticate)
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

    /** Replaces the headers. */
    public Problem withHeaders(Map<String, String> extraHeaders) {
        return new Problem(status, code, detail, errors, properties, extraHeaders);
    }

    /** Adds one header to those already set. */
    public Problem withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return withHeaders(copy);
    }

    /** {@code Retry-After} in whole seconds, rounded up so a client never retries early. */
    public Problem withRetryAfter(Duration after) {
        return withHeader(HttpHeaders.RETRY_AFTER, retryAfterSeconds(after));
    }

    public static String retryAfterSeconds(Duration after) {
        long seconds = after.getSeconds() + (after.getNano() > 0 ? 1 : 0);
        return Long.toString(Math.max(seconds, 0));
    }

    public boolean isServerError() {
        return status >= 500;
    }

    /** The status's reason phrase, as RFC 9457 suggests for {@code title}. */
    public String title() {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }

    /** The exception form, for {@code Mono.error(problem.exception())} from a filter. */
    public ProblemException exception() {
        return new ProblemException(this);
    }
}
