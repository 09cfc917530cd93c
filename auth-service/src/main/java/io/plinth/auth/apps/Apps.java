package io.plinth.auth.apps;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.plinth.auth.crypto.OpaqueTokens;
import io.plinth.auth.refusal.AuthException;
import io.plinth.auth.refusal.Refusal;
import io.plinth.web.FieldViolation;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Registered apps of a tenant: registration (API key shown once), rotation (the old key dies at once),
 * revocation, and the API-key check for cross-app calls. An admin only ever sees its own tenant's apps;
 * any other id is 404.
 */
@Service
class Apps {

    private static final Pattern DOMAIN = Pattern.compile(
            "^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$");

    private final AppRepository apps;
    private final Clock clock;

    Apps(AppRepository apps, Clock clock) {
        this.apps = apps;
        this.clock = clock;
    }

    record Registered(App app, String apiKey) {
    }

    Mono<Registered> register(String tenantId, String name, String domain, List<String> permissions) {
        List<FieldViolation> errors = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > 200) {
            errors.add(FieldViolation.of("name", "required", "A name of at most 200 characters is required"));
        }
        String normalizedDomain = domain == null ? null : domain.trim().toLowerCase(java.util.Locale.ROOT);
        if (normalizedDomain == null || !DOMAIN.matcher(normalizedDomain).matches()) {
            errors.add(FieldViolation.of("domain", "invalid", "A host name such as app.example.com is required"));
        }
        Set<String> perms = new LinkedHashSet<>();
        if (permissions == null || permissions.isEmpty()) {
            errors.add(FieldViolation.of("permissions", "required", "At least one permission is required"));
        } else {
            for (String p : permissions) {
                if (Permission.fromScope(p).isEmpty()) {
                    errors.add(FieldViolation.of("permissions", "invalid", "Unknown permission: " + p
                            + " (allowed: read_user_info, read_credits, consume_credits, purchase_credits)"));
                } else {
                    perms.add(p);
                }
            }
        }
        if (!errors.isEmpty()) {
            return Mono.error(AuthException.invalid(errors));
        }
        String apiKey = OpaqueTokens.generate("pk_");
        App app = new App(UUID.randomUUID(), tenantId, name.trim(), normalizedDomain, List.copyOf(perms),
                clock.instant(), null, null);
        return apps.insert(app, OpaqueTokens.sha256(apiKey)).thenReturn(new Registered(app, apiKey));
    }

    Flux<App> list(String tenantId) {
        return apps.listByTenant(tenantId);
    }

    Mono<App> get(String tenantId, String appId) {
        return find(appId).map(AppRepository.AppWithKeyHash::app)
                .filter(app -> app.tenantId().equals(tenantId))
                .switchIfEmpty(Mono.error(() -> AuthException.notFound("No such app")));
    }

    Mono<String> rotateKey(String tenantId, String appId) {
        String apiKey = OpaqueTokens.generate("pk_");
        return get(tenantId, appId)
                .flatMap(app -> app.revoked()
                        ? Mono.error(new AuthException(Refusal.APP_REVOKED, "A revoked app cannot get a new key"))
                        : apps.replaceKey(app.id(), tenantId, OpaqueTokens.sha256(apiKey), clock.instant()))
                .thenReturn(apiKey);
    }

    Mono<Void> revoke(String tenantId, String appId) {
        return get(tenantId, appId).flatMap(app -> apps.revoke(app.id(), tenantId, clock.instant())).then();
    }

    /** The app, if the id names a live app and the key is its current key; otherwise 401. */
    Mono<App> authenticate(String appId, String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            return Mono.error(invalidKey());
        }
        byte[] presented = OpaqueTokens.sha256(apiKey).getBytes(StandardCharsets.UTF_8);
        return find(appId)
                .filter(found -> !found.app().revoked()
                        && MessageDigest.isEqual(presented, found.apiKeyHash().getBytes(StandardCharsets.UTF_8)))
                .map(AppRepository.AppWithKeyHash::app)
                .switchIfEmpty(Mono.error(Apps::invalidKey));
    }

    /** A live (not revoked) app by id, for token validation. */
    Mono<App> live(String appId) {
        return find(appId).map(AppRepository.AppWithKeyHash::app).filter(app -> !app.revoked());
    }

    private Mono<AppRepository.AppWithKeyHash> find(String appId) {
        try {
            return apps.findById(UUID.fromString(appId));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Mono.empty();
        }
    }

    private static AuthException invalidKey() {
        return new AuthException(Refusal.INVALID_API_KEY, "Unknown app, revoked app or wrong API key");
    }

}
