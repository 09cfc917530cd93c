package io.plinth.gateway.security;

import java.time.Clock;

import io.plinth.jwt.JwksCache;
import io.plinth.jwt.JwtRules;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The edge applies the same token rules as every service ({@link JwtRules}); at the edge the audience must
 * be the platform's own: cross-app session tokens ({@code aud=app:*}) are not bearer tokens.
 */
final class EdgeJwtDecoder {

    private EdgeJwtDecoder() {
    }

    static ReactiveJwtDecoder create(JwksCache keys, EdgeSecurityProperties props, Clock clock) {
        return JwtRules.decoder(keys, props.clockSkew(), clock, aud -> aud.contains(props.audience()));
    }
}
