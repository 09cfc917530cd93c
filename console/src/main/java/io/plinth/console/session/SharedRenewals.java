package io.plinth.console.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import reactor.core.publisher.Mono;

/**
 * One renewal per refresh token, however many requests present it at once. A console page that loads while its
 * access token is expiring is rarely one request: two tabs refresh together, a form post is followed by its
 * redirect, partial updates fire side by side; each carries the same refresh cookie. auth-service rotates on the
 * first and, rightly, takes a second presentation of the spent token as theft and revokes the whole family, which
 * signed the operator out. Here every request that presents the same token within {@link #GRACE} shares the first
 * one's answer (the same new pair), so auth-service sees the token once.
 *
 * <p>Kept in memory, per console replica, by a hash of the token: replicas behind a load balancer without sticky
 * sessions can still race each other (the old behaviour, a fresh sign-in). A failed renewal is forgotten at once,
 * so a transient failure is retried by the next request rather than repeated for the grace period.
 */
final class SharedRenewals {

    /** Long enough for the requests of one page load; short, because within it the spent token still works here. */
    static final Duration GRACE = Duration.ofSeconds(10);

    private record Renewal(Mono<Sessions.TokenPair> answer, Instant startedAt) {
    }

    private final Function<String, Mono<Sessions.TokenPair>> refresh;
    private final Clock clock;
    private final Map<String, Renewal> recent = new ConcurrentHashMap<>();

    SharedRenewals(Function<String, Mono<Sessions.TokenPair>> refresh, Clock clock) {
        this.refresh = refresh;
        this.clock = clock;
    }

    Mono<Sessions.TokenPair> renew(String refreshToken) {
        Instant now = clock.instant();
        recent.values().removeIf(renewal -> isOver(renewal, now));
        String key = hash(refreshToken);
        return recent.compute(key, (k, existing) -> existing != null && !isOver(existing, now)
                ? existing : start(k, refreshToken, now)).answer();
    }

    /** Renewals remembered now (for tests: old ones are swept on every call). */
    int remembered() {
        return recent.size();
    }

    private Renewal start(String key, String refreshToken, Instant now) {
        AtomicReference<Renewal> self = new AtomicReference<>();
        Mono<Sessions.TokenPair> answer = Mono.defer(() -> refresh.apply(refreshToken))
                .doOnError(e -> recent.remove(key, self.get()))
                .cache();
        self.set(new Renewal(answer, now));
        return self.get();
    }

    private static boolean isOver(Renewal renewal, Instant now) {
        return !renewal.startedAt().plus(GRACE).isAfter(now);
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
