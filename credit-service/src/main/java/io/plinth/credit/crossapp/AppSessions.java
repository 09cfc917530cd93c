package io.plinth.credit.crossapp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.plinth.credit.refusal.CreditException;
import io.plinth.credit.refusal.Refusal;
import io.plinth.platform.security.CrossAppTokenVerifier;
import io.plinth.platform.security.CrossAppTokenVerifier.InvalidSessionTokenException;
import io.plinth.platform.security.CurrentUser;
import io.plinth.platform.security.PlinthSecurityProperties;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * A cross-app session as it stands now. The token is verified here first (signature, expiry,
 * {@code aud = app:{appId}}), which turns away forgeries without a remote call; then auth-service's
 * {@code validate-token} confirms the app is still registered and not revoked, and says which of
 * the token's permissions the app still holds. Without that second step a revoked app's signed token
 * would keep spending its users' credits until it expired (up to 15 minutes).
 *
 * <p>Fails closed: when auth-service cannot answer (down, slow, circuit open) the call is a 503
 * {@code auth_unavailable} with {@code Retry-After}, never a spend on an unconfirmed session.
 */
@Component
class AppSessions {

    private static final Logger log = LoggerFactory.getLogger(AppSessions.class);
    private static final String VALIDATE_PATH = "/api/v1/cross-app/validate-token";

    private final CrossAppTokenVerifier verifier;
    private final WebClient http;
    private final URI validateUri;
    private final Duration timeout;
    private final CircuitBreaker breaker;

    AppSessions(CrossAppTokenVerifier verifier, WebClient.Builder http, PlinthSecurityProperties security,
            CircuitBreakerRegistry breakers,
            @Value("${plinth.credits.app-session-validate-uri:}") String validateUri,
            @Value("${plinth.credits.app-session-timeout:2s}") Duration timeout) {
        this.verifier = verifier;
        this.http = http.build();
        // auth-service publishes its keys and validates sessions at the same address.
        this.validateUri = validateUri.isBlank() ? security.jwksUri().resolve(VALIDATE_PATH) : URI.create(validateUri);
        this.timeout = timeout;
        this.breaker = breakers.circuitBreaker("auth-service");
    }

    /** The session's user with the permissions the app holds now; 401 when the session is not good. */
    Mono<CurrentUser> current(String sessionToken, String appId) {
        return verifier.verify(sessionToken, appId)
                .flatMap(local -> confirm(sessionToken, appId).map(permissions -> narrowed(local, permissions)))
                .onErrorMap(InvalidSessionTokenException.class,
                        e -> new CreditException(Refusal.SESSION_INVALID, e.getMessage()));
    }

    private Mono<List<String>> confirm(String sessionToken, String appId) {
        return http.post().uri(validateUri)
                .bodyValue(Map.of("sessionToken", sessionToken, "appId", appId))
                .retrieve()
                .bodyToMono(Validation.class)
                .timeout(timeout)
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .onErrorMap(e -> {
                    log.warn("Cannot confirm a session of app {} with auth-service at {}: {}", appId, validateUri, e.toString());
                    return new CreditException(Refusal.AUTH_UNAVAILABLE,
                            "The app session cannot be confirmed right now; retry later.", Duration.ofSeconds(5));
                })
                .flatMap(v -> v.valid() ? Mono.just(v.permissions() == null ? List.<String>of() : v.permissions())
                        : Mono.error(new InvalidSessionTokenException()));
    }

    /** Never more than the token was issued with, never more than the app holds now. */
    private static CurrentUser narrowed(CurrentUser session, List<String> held) {
        Set<String> scopes = new HashSet<>(session.scopes());
        scopes.retainAll(held);
        return new CurrentUser(session.userId(), session.tenantId(), session.roles(), scopes, session.appId(),
                session.token());
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Validation(boolean valid, List<String> permissions) {
    }
}
