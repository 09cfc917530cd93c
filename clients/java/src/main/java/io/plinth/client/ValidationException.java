package io.plinth.client;

import java.util.List;

/**
 * 400 or 422: the platform refused the request's content. {@link #fieldErrors()} names each
 * invalid field when the platform said which (e.g. a weak password at registration).
 */
public final class ValidationException extends PlinthException {

    private final List<FieldError> fieldErrors;

    ValidationException(ProblemDetails problem) {
        super(problem);
        this.fieldErrors = problem.errors();
    }

    /** The invalid fields, possibly empty. */
    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }
}
