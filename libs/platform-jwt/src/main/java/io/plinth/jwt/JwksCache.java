package io.plinth.jwt;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Remote JWKS with a cache: keys are fetched and reused for a TTL; a token whose {@code kid} is not in the
 * cached set triggers one re-fetch (that is how a freshly rotated signing key becomes known), but at
 * most once per cooldown, so forged kids cannot make us hammer auth-service. Concurrent misses share
 * one in-flight fetch.
 */
public final class JwksCache implements Function<SignedJWT, Flux<JWK>> {

    private static final Logger log = LoggerFactory.getLogger(JwksCache.class);

    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

    /**
     * How long a fetched key set is trusted by default. It bounds how long a key that auth-service
     * dropped in an emergency rotation still verifies here, so it is short: one small GET a minute.
     */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(1);

    private record Snapshot(JWKSet keys, Instant fetchedAt) {}

    private final WebClient webClient;
    private final URI jwksUri;
    private final Duration ttl;
    private final Duration refreshCooldown;
    private final Clock clock;
    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private final AtomicReference<Mono<Snapshot>> inFlight = new AtomicReference<>();

    public JwksCache(WebClient webClient, URI jwksUri, Duration ttl, Duration refreshCooldown, Clock clock) {
        this.webClient = webClient;
        this.jwksUri = jwksUri;
        this.ttl = ttl;
        this.refreshCooldown = refreshCooldown;
        this.clock = clock;
    }

    @Override
    public Flux<JWK> apply(SignedJWT jwt) {
        JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader()));
        return snapshot()
                .flatMap(snap -> {
                    List<JWK> found = selector.select(snap.keys());
                    if (!found.isEmpty() || !mayRefresh(snap)) {
                        return Mono.just(found);
                    }
                    return fetch().map(fresh -> selector.select(fresh.keys()));
                })
                .flatMapMany(Flux::fromIterable);
    }

    private Mono<Snapshot> snapshot() {
        Snapshot snap = current.get();
        if (snap != null && snap.fetchedAt().plus(ttl).isAfter(clock.instant())) {
            return Mono.just(snap);
        }
        // Expired or never fetched; if auth-service is unreachable, keep verifying with what we have.
        Mono<Snapshot> fetched = fetch();
        return snap == null ? fetched : fetched.onErrorReturn(snap);
    }

    private boolean mayRefresh(Snapshot snap) {
        return !snap.fetchedAt().plus(refreshCooldown).isAfter(clock.instant());
    }

    private Mono<Snapshot> fetch() {
        Mono<Snapshot> existing = inFlight.get();
        if (existing != null) {
            return existing;
        }
        AtomicReference<Mono<Snapshot>> self = new AtomicReference<>();
        Mono<Snapshot> request = webClient.get().uri(jwksUri)
                .retrieve()
                .bodyToMono(String.class)
                .timeout(FETCH_TIMEOUT)
                .map(this::parse)
                // Done before the value reaches any caller: a caller that asks again at once must get a new
                // fetch, not this finished one (doFinally alone runs only after the callers were served).
                .doOnNext(snapshot -> {
                    current.set(snapshot);
                    inFlight.compareAndSet(self.get(), null);
                })
                .doOnError(e -> log.warn("JWKS fetch from {} failed: {}", jwksUri, e.toString()))
                .doFinally(signal -> inFlight.compareAndSet(self.get(), null))
                .cache();
        self.set(request);
        return inFlight.compareAndSet(null, request) ? request : fetch();
    }

    private Snapshot parse(String body) {
        try {
            return new Snapshot(JWKSet.parse(body), clock.instant());
        } catch (ParseException e) {
            throw new IllegalStateException("JWKS at " + jwksUri + " is not a JWK set", e);
        }
    }
}
