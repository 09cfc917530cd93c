package io.plinth.client;

/**
 * One invalid field of a request, as the platform named it in a problem's {@code errors[]}.
 *
 * @param field   the JSON path of the field as sent, e.g. {@code credits}; empty for the whole body
 * @param code    a stable machine code, e.g. {@code too_short}, {@code invalid_type}
 * @param message a sentence about what is wrong
 */
public record FieldError(String field, String code, String message) {
}
