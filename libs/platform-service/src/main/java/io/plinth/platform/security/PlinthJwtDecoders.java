package io.plinth.platform.security;

import java.time.Clock;
import java.util.ArrayList;
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
 * Builds the platform's JWT decoders. Only RS256 is accepted: {@code alg: none} is not a signed JWT and
 * fails parsing, HS* finds no matching key (we only hold RSA public keys), so algorithm confusion is off.
 * Expiry is mandatory ({@code exp} must be present and in the future).
 */
public final class PlinthJwtDecoders {

    public static final String APP_AUDIENCE_PREFIX = "app:";

    private PlinthJwtDecoders() {
    }

    /**
     * A decoder for bearer tokens: signature, expiry and an audience the predicate accepts.
     */
    public static ReactiveJwtDecoder decoder(Function<SignedJWT, Flux<JWK>> keys,
                                             PlinthSecurityProperties props,
                                             Clock clock,
                                             Predicate<List<String>> audienceOk) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(keys)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(props.clockSkew());
        timestamps.setClock(clock);
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(PlinthJwtDecoders::requireExpiryAndSubject);
        validators.add(timestamps);
        validators.add(jwt -> audienceOk.test(jwt.getAudience() == null ? List.of() : jwt.getAudience())
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The token's audience is not accepted here", null)));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    /** The bearer-token audience rule: the configured audience, plus {@code app:*} if app tokens are accepted. */
    public static Predicate<List<String>> bearerAudience(PlinthSecurityProperties props) {
        return aud -> aud.contains(props.audience())
                || (props.acceptAppTokens() && aud.stream().anyMatch(a -> a.startsWith(APP_AUDIENCE_PREFIX)));
    }

    private static OAuth2TokenValidatorResult requireExpiryAndSubject(Jwt jwt) {
        if (jwt.getExpiresAt() == null || jwt.getSubject() == null || jwt.getSubject().isBlank()) {
            return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The token lacks exp or sub", null));
        }
        return OAuth2TokenValidatorResult.success();
    }
}
