package io.plinth.integration.outbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * OAuth access tokens (and whatever was learned with them) kept until shortly before they expire, per set of
 * credentials: concurrent callers share one grant in flight, a failed grant is not kept, and changed credentials
 * are a new key. The key is a SHA-256 of the credentials, so no secret is held as a map key.
 */
public final class TokenCache<T extends TokenCache.Expiring> {

    /** Anything that expires. */
    public interface Expiring {
        Instant expiresAt();
    }

    /** Renew this long before the provider's expiry, so a token is never used in its last moments. */
    static final Duration EARLY = Duration.ofSeconds(60);

    private final Map<String, Mono<T>> cache = new ConcurrentHashMap<>();
    private final Clock clock;

    public TokenCache(Clock clock) {
        this.clock = clock;
    }

    public Mono<T> get(Map<String, String> credentials, Supplier<Mono<T>> grant) {
        String key = fingerprint(credentials);
        return Mono.defer(() -> cache.computeIfAbsent(key, k -> Mono.defer(grant).cache(
                token -> ttl(token.expiresAt()), error -> Duration.ZERO, () -> Duration.ZERO)));
    }

    private Duration ttl(Instant expiresAt) {
        Duration left = Duration.between(clock.instant(), expiresAt.minus(EARLY));
        return left.isNegative() ? Duration.ZERO : left;
    }

    static String fingerprint(Map<String, String> credentials) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(credentials).forEach((k, v) -> {
                sha.update(k.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(v.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            });
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
