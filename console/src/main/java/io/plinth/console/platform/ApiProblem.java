package io.plinth.console.platform;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An API's refusal as the operator sees it: the problem's {@code title} and {@code detail} and, for a 422, the
 * message of each invalid field. Never a stack trace: what the platform said, nothing more.
 */
public final class ApiProblem extends RuntimeException {

    /** One entry of a problem's {@code errors[]}. */
    public record FieldError(String field, String message, String code) {
    }

    private final int status;
    private final String title;
    private final String detail;
    private final String code;
    private final List<FieldError> errors;

    public ApiProblem(int status, String title, String detail, String code, List<FieldError> errors) {
        super(status + " " + title, null, false, false);
        this.status = status;
        this.title = title == null || title.isBlank() ? "Request failed (" + status + ")" : title;
        this.detail = detail;
        this.code = code;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    static ApiProblem unreachable(String why) {
        return new ApiProblem(503, "The platform did not answer", why, "unreachable", List.of());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public String code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Field messages by field name, for a form that names its fields as the API does. */
    public Map<String, String> fieldMessages() {
        return errors.stream().filter(e -> e.field() != null)
                .collect(Collectors.toMap(FieldError::field, FieldError::message, (a, b) -> a + " " + b));
    }
}
