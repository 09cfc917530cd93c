package io.plinth.sandbox.sendgrid;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The SendGrid API keys the sandbox accepts ({@code plinth.sandbox.sendgrid.api-keys}, comma-separated;
 * {@code PLINTH_SANDBOX_SENDGRID_APIKEYS}) and SendGrid's answer to any other: 401
 * {@code {"errors":[{"field":null,"message":"…"}]}}.
 */
@Component
class SendGridKeys {

    private final Set<String> keys;

    SendGridKeys(@Value("${plinth.sandbox.sendgrid.api-keys:}") String keys) {
        this.keys = Arrays.stream(keys.split(",")).map(String::trim).filter(k -> !k.isEmpty()).collect(Collectors.toSet());
    }

    /** Empty when the header carries a known key; otherwise SendGrid's refusal. */
    Optional<ResponseEntity<Object>> refusal(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Optional.of(error(HttpStatus.UNAUTHORIZED, null, "authorization required"));
        }
        if (!keys.contains(authorization.substring("Bearer ".length()).trim())) {
            return Optional.of(error(HttpStatus.UNAUTHORIZED, null,
                    "The provided authorization grant is invalid, expired, or revoked"));
        }
        return Optional.empty();
    }

    /** SendGrid's error body: {@code {"errors":[{"field", "message"}]}}. */
    static ResponseEntity<Object> error(HttpStatus status, String field, String message) {
        Map<String, Object> error = new HashMap<>();
        error.put("field", field);
        error.put("message", message);
        return ResponseEntity.status(status).body(Map.of("errors", List.of(error)));
    }
}
