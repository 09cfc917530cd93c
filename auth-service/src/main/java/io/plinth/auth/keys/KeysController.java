package io.plinth.auth.keys;

import java.time.Duration;
import java.util.Map;

import io.plinth.platform.problem.ApiException;
import io.plinth.platform.security.AdminOnly;
import io.plinth.platform.security.CurrentUser;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class KeysController {

    private final KeyRing keys;

    KeysController(KeyRing keys) {
        this.keys = keys;
    }

    /** Public keys; short cache so verifiers pick up a rotation soon (they also re-fetch on an unknown kid). */
    @GetMapping(value = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic())
                .body(keys.publicKeys().toJSONObject(true));
    }

    record RotationResponse(String kid) {
    }

    /**
     * @param emergency the current keys are suspected leaked: retire them at once instead of letting
     *                  them verify until their tokens expire (everyone has to sign in again)
     */
    record RotationRequest(Boolean emergency) {
    }

    /** On-demand rotation; {@code {"emergency": true}} for a suspected key leak. Platform admins only. */
    @AdminOnly
    @PostMapping("/api/v1/admin/keys/rotate")
    Mono<RotationResponse> rotate(CurrentUser user, @RequestBody(required = false) RotationRequest request) {
        if (!"default".equals(user.tenantId())) {
            return Mono.error(ApiException.forbidden("Only platform admins rotate signing keys"));
        }
        boolean emergency = request != null && Boolean.TRUE.equals(request.emergency());
        return (emergency ? keys.rotateEmergency() : keys.rotate()).map(RotationResponse::new);
    }
}
