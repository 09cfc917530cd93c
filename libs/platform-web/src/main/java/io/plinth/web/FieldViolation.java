package io.plinth.web;

import java.util.Objects;

/**
 * One invalid field of a request, as it appears in a problem's {@code errors[]}.
 *
 * @param field   the JSON path of the field as the client sent it, e.g. {@code email} or
 *                {@code items[0].priceId}; a query/path parameter's name; empty for an error
 *                about the whole object
 * @param message a human-readable sentence about what is wrong
 * @param code    a stable, snake_case machine code, e.g. {@code not_blank}, {@code invalid_type}
 */
public record FieldViolation(String field, String message, String code) {

    public FieldViolation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(code, "code");
    }

    public static FieldViolation of(String field, String code, String message) {
        return new FieldViolation(field, message, code);
    }
}
