package io.plinth.gateway.security;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The edge check reads the same {@code plinth.security.*} keys as every service (env
 * {@code PLINTH_SECURITY_JWKS_URI}, {@code PLINTH_SECURITY_AUDIENCE}), so one setting points the whole
 * platform at auth-service's keys.
 *
 * @param enabled             turn the edge token check off (tests of routing only)
 * @param jwksUri             auth-service's JWKS
 * @param audience            the {@code aud} a bearer token must carry
 * @param clockSkew           tolerance on {@code exp}
 * @param jwksTtl             how long a fetched key set is used before it is fetched again
 * @param jwksRefreshCooldown minimum time between fetches caused by an unknown {@code kid}
 */
@ConfigurationProperties("plinth.security")
public record EdgeSecurityProperties(Boolean enabled, URI jwksUri, String audience, Duration clockSkew,
                                     Duration jwksTtl, Duration jwksRefreshCooldown) {

    public EdgeSecurityProperties {
        enabled = enabled == null || enabled;
        jwksUri = jwksUri != null ? jwksUri : URI.create("http://localhost:8081/.well-known/jwks.json");
        audience = audience != null && !audience.isBlank() ? audience : "plinth-api";
        clockSkew = clockSkew != null ? clockSkew : Duration.ofSeconds(30);
        jwksTtl = jwksTtl != null ? jwksTtl : io.plinth.jwt.JwksCache.DEFAULT_TTL;
        jwksRefreshCooldown = jwksRefreshCooldown != null ? jwksRefreshCooldown : Duration.ofSeconds(2);
    }
}
