package io.plinth.test.security;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * Tokens for tests of anything that is a Plinth resource server: one RSA key pair per JVM, published by a
 * tiny JWKS server on a random loopback port ({@link #jwksUri()}; {@link UseTestTokens} points
 * {@code plinth.security.jwks-uri} at it), and builders for good tokens and every kind of bad one.
 *
 * <pre>{@code
 * String token = TestTokens.user("u-1").tenant("t-1").sign();
 * String admin = TestTokens.admin("a-1").sign();
 * String app   = TestTokens.app("app-7", "u-1", "read_credits").sign();
 * String bad   = TestTokens.user("u-1").expired();   // also tampered(), algNone(), hs256(), wrongAudience(), unknownKid()
 * }</pre>
 *
 * <p>The same server answers auth-service's {@code POST /api/v1/cross-app/validate-token} for the
 * services that confirm cross-app sessions there: a session signed with the test key for the app it
 * names is valid with the token's scopes, until {@link #revokeApp} revokes that app. (Expiry is the
 * caller's own check, against its own clock.)
 */
public final class TestTokens {

    public static final String KID = "plinth-test-key-1";
    public static final String AUDIENCE = "plinth-api";
    public static final String DEFAULT_TENANT = "default";

    private static final RSAKey KEY = generate(KID);
    private static final RSAKey STRANGER_KEY = generate("plinth-test-unknown-kid");
    private static final Set<String> REVOKED_APPS = ConcurrentHashMap.newKeySet();
    private static volatile HttpServer server;

    private TestTokens() {
    }

    /** A token for a USER in the default tenant. */
    public static Builder user(String userId) {
        return new Builder(userId).roles("USER");
    }

    /** A token for an ADMIN (also USER) in the default tenant. */
    public static Builder admin(String userId) {
        return new Builder(userId).roles("USER", "ADMIN");
    }

    /** A cross-app session token: audience {@code app:{appId}}, scopes = the app's permissions. */
    public static Builder app(String appId, String userId, String... scopes) {
        return new Builder(userId).roles("USER").audience("app:" + appId).claim("app_id", appId).scopes(scopes);
    }

    /** The public half of the test key set as JWKS JSON. */
    public static String jwksJson() {
        return new JWKSet(KEY.toPublicJWK()).toString();
    }

    /** From now on the stand-in validate-token answers {@code valid: false} for every session of this app. */
    public static void revokeApp(String appId) {
        REVOKED_APPS.add(appId);
    }

    /** The URL of the JWKS server (started on first use, lives as long as the JVM). */
    public static String jwksUri() {
        HttpServer s = server;
        if (s == null) {
            synchronized (TestTokens.class) {
                if (server == null) {
                    server = startServer();
                }
                s = server;
            }
        }
        return "http://127.0.0.1:" + s.getAddress().getPort() + "/.well-known/jwks.json";
    }

    private static HttpServer startServer() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            s.createContext("/.well-known/jwks.json", exchange -> {
                byte[] body = jwksJson().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            s.createContext("/api/v1/cross-app/validate-token", exchange -> {
                byte[] body = validation(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            s.setExecutor(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "test-jwks");
                t.setDaemon(true);
                return t;
            }));
            s.start();
            return s;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the test JWKS server", e);
        }
    }

    /** auth-service's answer to {@code {sessionToken, appId}}, as far as tests need it. */
    private static String validation(String requestJson) {
        String invalid = "{\"valid\":false,\"user\":null,\"permissions\":[]}";
        try {
            Map<String, Object> request = JSONObjectUtils.parse(requestJson);
            String appId = (String) request.get("appId");
            SignedJWT jwt = SignedJWT.parse((String) request.get("sessionToken"));
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            boolean good = appId != null && !REVOKED_APPS.contains(appId)
                    && jwt.verify(new RSASSAVerifier(KEY.toRSAPublicKey()))
                    && claims.getAudience().contains("app:" + appId);
            if (!good) {
                return invalid;
            }
            String scope = claims.getStringClaim("scope");
            List<String> permissions = scope == null || scope.isBlank() ? List.of() : List.of(scope.trim().split("\\s+"));
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("userId", claims.getSubject());
            user.put("tenantId", claims.getStringClaim("tid"));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("valid", true);
            answer.put("user", user);
            answer.put("permissions", permissions);
            return JSONObjectUtils.toJSONString(answer);
        } catch (Exception e) {
            return invalid;
        }
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims of one token; finish with {@link #sign()} or one of the broken variants. */
    public static final class Builder {
        private final String userId;
        private String tenant = DEFAULT_TENANT;
        private List<String> roles = List.of();
        private List<String> scopes = List.of();
        private List<String> audience = List.of(AUDIENCE);
        private Duration ttl = Duration.ofMinutes(15);
        private Clock clock = Clock.systemUTC();
        private final Map<String, Object> extra = new LinkedHashMap<>();

        private Builder(String userId) {
            this.userId = userId;
        }

        public Builder tenant(String tenantId) {
            this.tenant = tenantId;
            return this;
        }

        public Builder roles(String... roles) {
            this.roles = List.of(roles);
            return this;
        }

        public Builder scopes(String... scopes) {
            this.scopes = List.of(scopes);
            return this;
        }

        public Builder audience(String... audience) {
            this.audience = List.of(audience);
            return this;
        }

        public Builder ttl(Duration ttl) {
            this.ttl = ttl;
            return this;
        }

        /** Issue "now" according to this clock (for tests that move time). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder claim(String name, Object value) {
            extra.put(name, value);
            return this;
        }

        /** A valid RS256 token signed by the published test key. */
        public String sign() {
            return signWith(KEY, claims(clock.instant(), ttl));
        }

        /** Expired ten minutes ago (well beyond any clock skew). */
        public String expired() {
            Instant now = clock.instant();
            return signWith(KEY, claims(now.minus(ttl).minus(Duration.ofMinutes(10)), ttl));
        }

        /** Correctly signed but for another audience. */
        public String wrongAudience() {
            List<String> saved = audience;
            audience = List.of("some-other-api");
            try {
                return sign();
            } finally {
                audience = saved;
            }
        }

        /** Signed by a key whose {@code kid} the JWKS does not list. */
        public String unknownKid() {
            return signWith(STRANGER_KEY, claims(clock.instant(), ttl));
        }

        /** An unsigned token ({@code alg: none}). */
        public String algNone() {
            return new PlainJWT(claims(clock.instant(), ttl)).serialize();
        }

        /** HS256 with the public key as the HMAC secret: the classic algorithm-confusion forgery. */
        public String hs256() {
            try {
                byte[] secret = KEY.toPublicKey().getEncoded();
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(KID).build(),
                        claims(clock.instant(), ttl));
                jwt.sign(new MACSigner(secret));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A valid token whose payload was then edited (roles ADMIN): the signature no longer matches. */
        public String tampered() {
            String[] parts = sign().split("\\.");
            Map<String, Object> forged = new LinkedHashMap<>(claims(clock.instant(), ttl).toJSONObject());
            forged.put("roles", List.of("USER", "ADMIN"));
            forged.put("sub", userId + "-other");
            String payload = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(forged)
                            .getBytes(StandardCharsets.UTF_8));
            return parts[0] + "." + payload + "." + parts[2];
        }

        private JWTClaimsSet claims(Instant issuedAt, Duration lifetime) {
            JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                    .subject(userId)
                    .audience(new ArrayList<>(audience))
                    .issueTime(Date.from(issuedAt))
                    .expirationTime(Date.from(issuedAt.plus(lifetime)))
                    .jwtID(UUID.randomUUID().toString())
                    .claim("tid", tenant)
                    .claim("roles", new ArrayList<>(roles))
                    .claim("scope", String.join(" ", scopes));
            extra.forEach(b::claim);
            return b.build();
        }

        private static String signWith(RSAKey key, JWTClaimsSet claims) {
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT).build(), claims);
                jwt.sign(new RSASSASigner(key));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
