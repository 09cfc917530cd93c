package io.plinth.gateway.security;

import java.time.Clock;
import java.util.List;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The edge's token rules, the same as every service's: RS256 only (so {@code alg: none} and HS* fail),
 * signature against the JWKS, {@code exp} and {@code sub} present, not expired, {@code aud} contains the
 * platform audience (cross-app session tokens, {@code aud=app:*}, are not bearer tokens).
 */
final class EdgeJwtDecoder {

    private EdgeJwtDecoder() {
    }

    static ReactiveJwtDecoder create(JwksCache keys, EdgeSecurityProperties props, Clock clock) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(keys)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(props.clockSkew());
        timestamps.setClock(clock);
        OAuth2TokenValidator<Jwt> required = jwt -> jwt.getExpiresAt() != null && jwt.getSubject() != null
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "exp or sub missing", null));
        OAuth2TokenValidator<Jwt> audience = jwt -> {
            List<String> aud = jwt.getAudience();
            return aud != null && aud.contains(props.audience())
                    ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "wrong audience", null));
        };
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(required, timestamps, audience)));
        return decoder;
    }
}
