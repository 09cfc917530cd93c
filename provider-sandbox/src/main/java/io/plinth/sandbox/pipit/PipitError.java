package io.plinth.sandbox.pipit;

import java.util.LinkedHashMap;
import java.util.Map;

/** Pipit's error answer: {@code {"error": {code, message, param}}}. */
final class PipitError extends RuntimeException {

    private final int status;
    private final String code;
    private final String param;

    PipitError(int status, String code, String message, String param) {
        super(message);
        this.status = status;
        this.code = code;
        this.param = param;
    }

    int status() {
        return status;
    }

    Map<String, Object> body() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", getMessage());
        error.put("param", param);
        return Map.of("error", error);
    }
}
