package io.plinth.platform.security;

import java.util.List;

import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Verifies a cross-app session token that arrives in a request body ({@code {sessionToken, appId}}):
 * RS256 signature against the JWKS, expiry, and {@code aud = app:{appId}} for exactly the app named in the
 * request, so app A cannot use a token issued to app B. The result's {@link CurrentUser#scopes()} are the
 * app's permissions at issue time; check them with {@link CurrentUser#hasScope(String)}.
 * Signature-only: an app revoked after issue keeps its tokens until they expire (at most 15 minutes)
 * unless the caller also asks auth-service's {@code /api/v1/cross-app/validate-token}.
 */
public final class CrossAppTokenVerifier {

    private final ReactiveJwtDecoder anyAppDecoder;

    public CrossAppTokenVerifier(ReactiveJwtDecoder anyAppDecoder) {
        this.anyAppDecoder = anyAppDecoder;
    }

    /** The session's user, or {@link InvalidSessionTokenException} when the token is bad or for another app. */
    public Mono<CurrentUser> verify(String sessionToken, String appId) {
        if (sessionToken == null || sessionToken.isBlank() || appId == null || appId.isBlank()) {
            return Mono.error(new InvalidSessionTokenException());
        }
        return anyAppDecoder.decode(sessionToken)
                .onErrorMap(e -> new InvalidSessionTokenException())
                .filter(jwt -> {
                    List<String> aud = jwt.getAudience();
                    return aud != null && aud.contains(PlinthJwtDecoders.APP_AUDIENCE_PREFIX + appId);
                })
                .switchIfEmpty(Mono.error(new InvalidSessionTokenException()))
                .map(CurrentUser::from);
    }

    /** The session token is missing, forged, expired, or was issued to another app. Map it to 401. */
    public static final class InvalidSessionTokenException extends RuntimeException {
        public InvalidSessionTokenException() {
            super("The session token is invalid, expired or belongs to another app", null, false, false);
        }
    }
}
