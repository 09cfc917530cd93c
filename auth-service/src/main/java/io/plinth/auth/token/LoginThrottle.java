package io.plinth.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.plinth.auth.config.AuthProperties;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Failed-login counters per account and per client address, in PostgreSQL so every replica sees the
 * same locks. Unknown emails are counted like real ones: the lock must not reveal which accounts exist.
 */
@Component
class LoginThrottle {

    private final DatabaseClient db;
    private final Clock clock;
    private final LockoutPolicy accountPolicy;
    private final LockoutPolicy addressPolicy;
    private final Duration window;

    LoginThrottle(DatabaseClient db, Clock clock, AuthProperties props) {
        this.db = db;
        this.clock = clock;
        AuthProperties.Lockout l = props.lockout();
        this.accountPolicy = new LockoutPolicy(l.accountThreshold(), l.baseDelay(), l.maxDelay());
        this.addressPolicy = new LockoutPolicy(l.addressThreshold(), l.baseDelay(), l.maxDelay());
        this.window = l.window();
    }

    static String accountKey(String normalizedEmail) {
        return "account:" + normalizedEmail;
    }

    static String addressKey(String address) {
        return "address:" + address;
    }

    /** How long until the longest lock on these keys ends; zero when none is locked. */
    Mono<Duration> lockedFor(String accountKey, String addressKey) {
        Instant now = clock.instant();
        return db.sql("select locked_until from login_throttle where throttle_key in (:a, :b) and locked_until > :now")
                .bind("a", accountKey).bind("b", addressKey).bind("now", now)
                .map(row -> Duration.between(now, row.get("locked_until", Instant.class)))
                .all()
                .reduce(Duration.ZERO, (x, y) -> x.compareTo(y) >= 0 ? x : y);
    }

    Mono<Void> recordFailure(String accountKey, String addressKey) {
        return Flux.fromIterable(List.of(
                        new Object[]{accountKey, accountPolicy}, new Object[]{addressKey, addressPolicy}))
                .concatMap(pair -> recordFailure((String) pair[0], (LockoutPolicy) pair[1]))
                .then();
    }

    private Mono<Void> recordFailure(String key, LockoutPolicy policy) {
        Instant now = clock.instant();
        // One atomic statement per key: concurrent failures on several replicas all count.
        return db.sql("""
                        insert into login_throttle (throttle_key, failures, last_failure_at)
                        values (:key, 1, :now)
                        on conflict (throttle_key) do update set
                            failures = case when login_throttle.last_failure_at < :windowStart then 1
                                            else login_throttle.failures + 1 end,
                            last_failure_at = :now
                        returning failures""")
                .bind("key", key).bind("now", now).bind("windowStart", now.minus(window))
                .map(row -> row.get("failures", Integer.class))
                .one()
                .flatMap(failures -> {
                    Duration lock = policy.lockAfter(failures);
                    if (lock.isZero()) {
                        return Mono.empty();
                    }
                    return db.sql("update login_throttle set locked_until = :until where throttle_key = :key")
                            .bind("until", now.plus(lock)).bind("key", key)
                            .fetch().rowsUpdated().then();
                });
    }

    /** A successful login clears the account's counter (not the address's: one good login must not wash a spray). */
    Mono<Void> reset(String accountKey) {
        return db.sql("delete from login_throttle where throttle_key = :key").bind("key", accountKey)
                .fetch().rowsUpdated().then();
    }
}
