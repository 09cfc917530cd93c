package io.plinth.platform.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Resource-server settings shared by every service ({@code plinth.security.*}).
 *
 * @param enabled             switch the platform's security chain off (only for modules that bring their own)
 * @param jwksUri             where auth-service publishes its public keys (env {@code PLINTH_SECURITY_JWKS_URI})
 * @param audience            the {@code aud} a first-party bearer token must carry
 * @param acceptAppTokens     also accept cross-app session tokens ({@code aud=app:{appId}}) as bearer tokens;
 *                            off by default so an app token never reaches routes that do not check its scopes
 * @param publicPaths         path patterns reachable without a token
 * @param clockSkew           tolerance on {@code exp}/{@code nbf}
 * @param jwksTtl             how long a fetched key set is trusted before it is fetched again
 * @param jwksRefreshCooldown minimum time between two fetches triggered by an unknown {@code kid}, so that
 *                            a stream of forged kids cannot turn this service into a JWKS flooder
 */
@ConfigurationProperties("plinth.security")
public record PlinthSecurityProperties(
        Boolean enabled,
        URI jwksUri,
        String audience,
        Boolean acceptAppTokens,
        List<String> publicPaths,
        Duration clockSkew,
        Duration jwksTtl,
        Duration jwksRefreshCooldown) {

    public static final List<String> DEFAULT_PUBLIC_PATHS =
            List.of("/actuator/health/**", "/actuator/prometheus", "/v3/api-docs/**");

    public PlinthSecurityProperties {
        enabled = enabled == null || enabled;
        jwksUri = jwksUri != null ? jwksUri : URI.create("http://localhost:8081/.well-known/jwks.json");
        audience = audience != null && !audience.isBlank() ? audience : "plinth-api";
        acceptAppTokens = acceptAppTokens != null && acceptAppTokens;
        publicPaths = publicPaths != null ? List.copyOf(publicPaths) : DEFAULT_PUBLIC_PATHS;
        clockSkew = clockSkew != null ? clockSkew : Duration.ofSeconds(30);
        jwksTtl = jwksTtl != null ? jwksTtl : io.plinth.jwt.JwksCache.DEFAULT_TTL;
        jwksRefreshCooldown = jwksRefreshCooldown != null ? jwksRefreshCooldown : Duration.ofSeconds(2);
    }

    /** Defaults, for code that builds decoders outside Spring (tests, tools). */
    public static PlinthSecurityProperties defaults() {
        return new PlinthSecurityProperties(null, null, null, null, null, null, null, null);
    }
}
