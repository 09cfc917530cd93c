package io.plinth.sandbox.controls;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The controls' error answers: {@code {"error": {"code", "message"}}}, the shape of Stripe's errors. */
final class ControlErrors {

    private ControlErrors() {
    }

    static ResponseEntity<Object> of(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", Map.of("code", code, "message", message)));
    }

    static ResponseEntity<Object> unknownProvider(String provider) {
        return of(HttpStatus.NOT_FOUND, "unknown_provider", "The sandbox plays no provider called '" + provider + "'.");
    }

    static ResponseEntity<Object> noWebhooks(String provider) {
        return of(HttpStatus.NOT_FOUND, "no_webhooks", provider + " sends no webhooks, so it has no events.");
    }

    static ResponseEntity<Object> badRequest(String code, String message) {
        return of(HttpStatus.BAD_REQUEST, code, message);
    }
}
