package io.plinth.jwt;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Flux;

/**
 * The one set of token rules, applied at the edge and again in every service. Only RS256 is accepted:
 * {@code alg: none} is not a signed JWT and fails parsing, HS* finds no matching key (we only hold RSA
 * public keys), so algorithm confusion is off. {@code exp} and {@code sub} are mandatory, expiry is
 * checked against the given clock, and the audience must satisfy the caller's predicate.
 */
public final class JwtRules {

    /** Cross-app session tokens carry {@code aud=app:{appId}}. */
    public static final String APP_AUDIENCE_PREFIX = "app:";

    private JwtRules() {
    }

    public static ReactiveJwtDecoder decoder(Function<SignedJWT, Flux<JWK>> keys, Duration clockSkew, Clock clock,
                                             Predicate<List<String>> audienceOk) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(keys)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(clockSkew);
        timestamps.setClock(clock);
        OAuth2TokenValidator<Jwt> audience = jwt -> audienceOk.test(jwt.getAudience() == null ? List.of() : jwt.getAudience())
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The token's audience is not accepted here", null));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(JwtRules::requireExpiryAndSubject, timestamps, audience)));
        return decoder;
    }

    private static OAuth2TokenValidatorResult requireExpiryAndSubject(Jwt jwt) {
        if (jwt.getExpiresAt() == null || jwt.getSubject() == null || jwt.getSubject().isBlank()) {
            return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The token lacks exp or sub", null));
        }
        return OAuth2TokenValidatorResult.success();
    }
}
