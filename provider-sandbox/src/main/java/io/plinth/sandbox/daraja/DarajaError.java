package io.plinth.sandbox.daraja;

import java.util.Map;
import java.util.UUID;

/** Daraja's error answer: {@code {requestId, errorCode, errorMessage}} with an HTTP status. */
final class DarajaError extends RuntimeException {

    private final int status;
    private final String code;

    DarajaError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static DarajaError badRequest(String field) {
        return new DarajaError(400, "400.002.02", "Bad Request - Invalid " + field);
    }

    int status() {
        return status;
    }

    Map<String, Object> body() {
        return Map.of("requestId", UUID.randomUUID().toString(), "errorCode", code, "errorMessage", getMessage());
    }
}
