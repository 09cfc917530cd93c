package io.plinth.auth.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which key signs and which keys verify, as plain rules: the newest key that is not superseded signs;
 * a superseded key keeps verifying (stays in the JWKS) until every token it signed has expired.
 */
public final class KeySchedule {

    /** What the rules need to know about a key. */
    public record KeyTimes(String kid, Instant createdAt, Instant supersededAt, Instant retireAt) {
    }

    private KeySchedule() {
    }

    public static Optional<KeyTimes> signer(List<KeyTimes> keys) {
        return keys.stream().filter(k -> k.supersededAt() == null).max(Comparator.comparing(KeyTimes::createdAt));
    }

    public static List<KeyTimes> verifiers(List<KeyTimes> keys, Instant now) {
        return keys.stream().filter(k -> k.retireAt() == null || k.retireAt().isAfter(now)).toList();
    }

    /** A scheduled rotation is due when there is no signer or the signer is older than the interval. */
    public static boolean rotationDue(List<KeyTimes> keys, Instant now, Duration interval) {
        return signer(keys).map(k -> !k.createdAt().plus(interval).isAfter(now)).orElse(true);
    }

    /** When a key superseded now leaves the JWKS: after the longest token it may have signed, plus skew. */
    public static Instant retireAt(Instant supersededAt, Duration longestTokenTtl, Duration skew) {
        return supersededAt.plus(longestTokenTtl).plus(skew);
    }
}
