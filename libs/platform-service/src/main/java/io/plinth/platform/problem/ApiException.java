package io.plinth.platform.problem;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

import io.plinth.web.FieldViolation;
import io.plinth.web.ProblemCodes;

/**
 * The exception services throw for every expected failure. It becomes an RFC 9457
 * {@code application/problem+json} response carrying its status, its stable {@code code}, its
 * message as {@code detail}, any extra properties, {@code errors[]} and, when set, a
 * {@code Retry-After} header.
 *
 * <pre>{@code
 * throw new ApiException(HttpStatus.PAYMENT_REQUIRED, "insufficient_credits", "Balance 3 < 5")
 *         .withProperty("balance", 3);
 * throw ApiException.tooManyRequests("daily_limit_reached", "3 generations per day", Duration.ofHours(4));
 * }</pre>
 *
 * Instances are immutable: every {@code with…} method returns a copy.
 */
public class ApiException extends RuntimeException {

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]*");

    private final HttpStatusCode status;
    private final String code;
    private final Map<String, Object> properties;
    private final List<FieldViolation> errors;
    private final Duration retryAfter;

    public ApiException(HttpStatusCode status, String code, String detail) {
        this(status, code, detail, null, Map.of(), List.of(), null);
    }

    public ApiException(HttpStatusCode status, String code, String detail, Throwable cause) {
        this(status, code, detail, cause, Map.of(), List.of(), null);
    }

    private ApiException(HttpStatusCode status, String code, String detail, Throwable cause,
                         Map<String, Object> properties, List<FieldViolation> errors, Duration retryAfter) {
        super(Objects.requireNonNull(detail, "detail"), cause);
        this.status = Objects.requireNonNull(status, "status");
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("code must be snake_case, was: " + code);
        }
        if (retryAfter != null && retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative");
        }
        this.code = code;
        this.properties = Map.copyOf(properties);
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    // ---- factories for the statuses clients rely on (API.md) ----

    public static ApiException badRequest(String code, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, detail);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, ProblemCodes.UNAUTHORIZED, detail);
    }

    public static ApiException paymentRequired(String code, String detail) {
        return new ApiException(HttpStatus.PAYMENT_REQUIRED, code, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, ProblemCodes.FORBIDDEN, detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, ProblemCodes.NOT_FOUND, detail);
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(HttpStatus.CONFLICT, code, detail);
    }

    public static ApiException unprocessable(String code, String detail) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, code, detail);
    }

    /** A 422 {@code validation_failed} naming each invalid field, for checks bean validation cannot express. */
    public static ApiException unprocessable(List<FieldViolation> errors) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, ProblemCodes.VALIDATION_FAILED,
                "The request has invalid fields.").withErrors(errors);
    }

    public static ApiException tooManyRequests(String code, String detail, Duration retryAfter) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, code, detail).withRetryAfter(retryAfter);
    }

    public static ApiException serviceUnavailable(String code, String detail, Duration retryAfter) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, code, detail).withRetryAfter(retryAfter);
    }

    // ---- immutable modifiers ----

    /** An extra problem member, e.g. {@code balance}; reserved members (type, status, code...) cannot be overridden. */
    public ApiException withProperty(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(properties);
        copy.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new ApiException(status, code, getMessage(), getCause(), copy, errors, retryAfter);
    }

    public ApiException withProperties(Map<String, ?> extra) {
        Map<String, Object> copy = new LinkedHashMap<>(properties);
        copy.putAll(extra);
        return new ApiException(status, code, getMessage(), getCause(), copy, errors, retryAfter);
    }

    public ApiException withErrors(List<FieldViolation> fieldErrors) {
        return new ApiException(status, code, getMessage(), getCause(), properties, fieldErrors, retryAfter);
    }

    /** Sets the {@code Retry-After} header (whole seconds, rounded up); meant for 429 and 503. */
    public ApiException withRetryAfter(Duration after) {
        return new ApiException(status, code, getMessage(), getCause(), properties, errors,
                Objects.requireNonNull(after, "retryAfter"));
    }

    public HttpStatusCode getStatus() {
        return status;
    }

    public String getCode() {
        return code;
    }

    public String getDetail() {
        return getMessage();
    }

    public Map<String, Object> getProperties() {
        return properties;
    }

    public List<FieldViolation> getErrors() {
        return errors;
    }

    public Optional<Duration> getRetryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
