package io.plinth.sandbox.stripe;

import java.util.LinkedHashMap;
import java.util.Map;

/** Stripe's error answer: {@code {"error": {type, code, message, param}}} with an HTTP status. */
final class StripeError extends RuntimeException {

    private final int status;
    private final String type;
    private final String code;
    private final String param;

    StripeError(int status, String type, String code, String message, String param) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
    }

    static StripeError invalidRequest(String param, String message) {
        return new StripeError(400, "invalid_request_error", "parameter_invalid", message, param);
    }

    static StripeError missing(String param) {
        return new StripeError(400, "invalid_request_error", "parameter_missing",
                "Missing required param: " + param + ".", param);
    }

    static StripeError notFound(String kind, String id) {
        return new StripeError(404, "invalid_request_error", "resource_missing",
                "No such " + kind + ": '" + id + "'", "id");
    }

    int status() {
        return status;
    }

    Map<String, Object> body() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type);
        if (code != null) {
            error.put("code", code);
        }
        error.put("message", getMessage());
        if (param != null) {
            error.put("param", param);
        }
        return Map.of("error", error);
    }
}
