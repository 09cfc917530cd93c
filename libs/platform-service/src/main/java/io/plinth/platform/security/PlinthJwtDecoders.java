package io.plinth.platform.security;

import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import io.plinth.jwt.JwtRules;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Flux;

/**
 * The platform's JWT decoders, built on {@link JwtRules} (shared with the gateway) with this service's
 * {@link PlinthSecurityProperties}.
 */
public final class PlinthJwtDecoders {

    public static final String APP_AUDIENCE_PREFIX = JwtRules.APP_AUDIENCE_PREFIX;

    private PlinthJwtDecoders() {
    }

    /**
     * A decoder for bearer tokens: signature, expiry and an audience the predicate accepts.
     */
    public static ReactiveJwtDecoder decoder(Function<SignedJWT, Flux<JWK>> keys,
                                             PlinthSecurityProperties props,
                                             Clock clock,
                                             Predicate<List<String>> audienceOk) {
        return JwtRules.decoder(keys, props.clockSkew(), clock, audienceOk);
    }

    /** The bearer-token audience rule: the configured audience, plus {@code app:*} if app tokens are accepted. */
    public static Predicate<List<String>> bearerAudience(PlinthSecurityProperties props) {
        return aud -> aud.contains(props.audience())
                || (props.acceptAppTokens() && aud.stream().anyMatch(a -> a.startsWith(APP_AUDIENCE_PREFIX)));
    }
}
