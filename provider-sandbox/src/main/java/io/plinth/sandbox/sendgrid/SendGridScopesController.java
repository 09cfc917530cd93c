package io.plinth.sandbox.sendgrid;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * SendGrid's API-key check, {@code GET /v3/scopes}: with a known key as {@code Authorization: Bearer <key>},
 * 200 {@code {"scopes": [...]}}; without one, or with a key the sandbox does not know, 401 with SendGrid's error
 * body {@code {"errors":[{"field":null,"message":"…"}]}}. Known keys: {@code plinth.sandbox.sendgrid.api-keys}
 * (comma-separated; {@code PLINTH_SANDBOX_SENDGRID_APIKEYS}). Faults apply ({@code /v3/**} is SendGrid's scope).
 */
@RestController
class SendGridScopesController {

    /** A full-access key's scopes, as far as Plinth uses them. */
    static final List<String> SCOPES = List.of("mail.send", "scopes.read", "templates.read", "user.profile.read");

    private final Set<String> keys;

    SendGridScopesController(@Value("${plinth.sandbox.sendgrid.api-keys:}") String keys) {
        this.keys = Arrays.stream(keys.split(",")).map(String::trim).filter(k -> !k.isEmpty()).collect(Collectors.toSet());
    }

    @GetMapping("/v3/scopes")
    ResponseEntity<Map<String, Object>> scopes(@RequestHeader(name = "Authorization", required = false) String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return refused("authorization required");
        }
        if (!keys.contains(authorization.substring("Bearer ".length()).trim())) {
            return refused("The provided authorization grant is invalid, expired, or revoked");
        }
        return ResponseEntity.ok(Map.of("scopes", SCOPES));
    }

    private static ResponseEntity<Map<String, Object>> refused(String message) {
        Map<String, Object> error = new java.util.HashMap<>();
        error.put("field", null);
        error.put("message", message);
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("errors", List.of(error)));
    }
}
