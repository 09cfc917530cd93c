package io.plinth.sandbox.sendgrid;

import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * SendGrid's API-key check, {@code GET /v3/scopes}: with a known key as {@code Authorization: Bearer <key>},
 * 200 {@code {"scopes": [...]}}; without one, or with a key the sandbox does not know, 401 with SendGrid's error
 * body (see {@link SendGridKeys}). Faults apply ({@code /v3/**} is SendGrid's scope).
 */
@RestController
class SendGridScopesController {

    /** A full-access key's scopes, as far as Plinth uses them. */
    static final List<String> SCOPES = List.of("mail.send", "scopes.read", "templates.read", "user.profile.read");

    private final SendGridKeys keys;

    SendGridScopesController(SendGridKeys keys) {
        this.keys = keys;
    }

    @GetMapping("/v3/scopes")
    ResponseEntity<Object> scopes(@RequestHeader(name = "Authorization", required = false) String authorization) {
        return keys.refusal(authorization).orElseGet(() -> ResponseEntity.ok(Map.of("scopes", SCOPES)));
    }
}
