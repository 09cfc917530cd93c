package io.plinth.sandbox.zoom;

import java.util.LinkedHashMap;
import java.util.Map;

/** Zoom's error answers: OAuth {@code {"reason", "error"}}, API {@code {"code", "message"}}. */
final class ZoomError extends RuntimeException {

    private final int status;
    private final Map<String, Object> body;

    private ZoomError(int status, String message, Map<String, Object> body) {
        super(message);
        this.status = status;
        this.body = body;
    }

    static ZoomError oauth(int status, String error, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason);
        body.put("error", error);
        return new ZoomError(status, reason, body);
    }

    static ZoomError api(int status, int code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        return new ZoomError(status, message, body);
    }

    int status() {
        return status;
    }

    Map<String, Object> body() {
        return body;
    }
}
