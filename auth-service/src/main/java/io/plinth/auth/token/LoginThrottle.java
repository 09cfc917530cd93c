package io.plinth.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.plinth.auth.config.AuthProperties;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Failed-login counters in PostgreSQL, so every replica sees the same locks. Three keys per attempt:
 * <ul>
 *   <li>account + client address: locks after a few failures, so whoever hammers an account locks only
 *       themselves out of it, never its owner logging in from elsewhere;</li>
 *   <li>client address: locks a sprayer trying many accounts;</li>
 *   <li>account (all addresses): past a ceiling every attempt is slowed, never refused, so a botnet's
 *       guesses get expensive without anyone being able to keep an account shut.</li>
 * </ul>
 * An attempt is counted before its password is hashed, each key in one short transaction that holds the
 * key's row: concurrent guesses queue on the row and the one that reaches the threshold sets the lock
 * before the next can pass, so no more than the threshold is ever evaluated. A success takes its own
 * count back. Unknown emails are counted like real ones: the lock must not reveal which accounts exist.
 */
@Component
class LoginThrottle {

    /** The keys an admitted attempt was counted under, to take the count back if it succeeds. */
    record Admission(String pairKey, String addressKey, Instant addressLockSet, String accountKey, boolean slowed) {
    }

    /** The attempt was refused before any work: this key is locked for {@code remaining}. */
    static final class Locked extends RuntimeException {
        private final Duration remaining;

        Locked(Duration remaining) {
            super(null, null, false, false);
            this.remaining = remaining;
        }

        Duration remaining() {
            return remaining;
        }
    }

    private record Counted(int failures, Instant lockSet) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final LockoutPolicy pairPolicy;
    private final LockoutPolicy addressPolicy;
    private final int accountCeiling;
    private final Duration window;

    LoginThrottle(DatabaseClient db, TransactionalOperator tx, Clock clock, AuthProperties props) {
        this.db = db;
        this.tx = tx;
        this.clock = clock;
        AuthProperties.Lockout l = props.lockout();
        this.pairPolicy = new LockoutPolicy(l.accountThreshold(), l.baseDelay(), l.maxDelay());
        this.addressPolicy = new LockoutPolicy(l.addressThreshold(), l.baseDelay(), l.maxDelay());
        this.accountCeiling = l.accountCeiling();
        this.window = l.window();
    }

    static String accountKey(String normalizedEmail) {
        return "account:" + normalizedEmail;
    }

    static String addressKey(String address) {
        return "address:" + address;
    }

    static String pairKey(String normalizedEmail, String address) {
        return "account-address:" + normalizedEmail + "|" + address;
    }

    /**
     * Counts the attempt under every key, or fails with {@link Locked} (nothing counted past the locked key)
     * when the pair or the address is locked.
     */
    Mono<Admission> admit(String normalizedEmail, String address) {
        String pair = pairKey(normalizedEmail, address);
        String addressKey = addressKey(address);
        String account = accountKey(normalizedEmail);
        return count(pair, pairPolicy)
                .then(count(addressKey, addressPolicy))
                .flatMap(addressCount -> count(account, null)
                        .map(accountCount -> new Admission(pair, addressKey, addressCount.lockSet(), account,
                                accountCount.failures() > accountCeiling)));
    }

    /**
     * The attempt succeeded: the pair starts afresh, and the address and account counts lose this attempt
     * (a success must neither count as a failure nor wash away the failures of others).
     */
    Mono<Void> succeeded(Admission admission) {
        Mono<Long> pair = db.sql("delete from login_throttle where throttle_key = :key")
                .bind("key", admission.pairKey()).fetch().rowsUpdated();
        Mono<Long> address = db.sql("""
                        update login_throttle set failures = greatest(failures - 1, 0),
                            locked_until = case when locked_until = :ours then null else locked_until end
                        where throttle_key = :key""")
                .bind("key", admission.addressKey())
                .bind("ours", admission.addressLockSet() != null ? admission.addressLockSet() : Instant.EPOCH)
                .fetch().rowsUpdated();
        Mono<Long> account = db.sql("""
                        update login_throttle set failures = greatest(failures - 1, 0) where throttle_key = :key""")
                .bind("key", admission.accountKey()).fetch().rowsUpdated();
        return pair.then(address).then(account).then();
    }

    /**
     * One attempt under one key, unless the key is locked now. The upsert holds the row until commit, so a
     * concurrent attempt on the same key waits and then sees the lock this one set.
     */
    private Mono<Counted> count(String key, LockoutPolicy policy) {
        Instant now = clock.instant();
        Mono<Counted> work = db.sql("""
                        insert into login_throttle (throttle_key, failures, last_failure_at)
                        values (:key, 1, :now)
                        on conflict (throttle_key) do update set
                            failures = case when login_throttle.last_failure_at < :windowStart then 1
                                            else login_throttle.failures + 1 end,
                            last_failure_at = :now
                        where login_throttle.locked_until is null or login_throttle.locked_until <= :now
                        returning failures""")
                .bind("key", key).bind("now", now).bind("windowStart", now.minus(window))
                .map(row -> row.get("failures", Integer.class))
                .one()
                .flatMap(failures -> {
                    Duration lock = policy == null ? Duration.ZERO : policy.lockAfter(failures);
                    if (lock.isZero()) {
                        return Mono.just(new Counted(failures, null));
                    }
                    Instant until = now.plus(lock);
                    return db.sql("update login_throttle set locked_until = :until where throttle_key = :key")
                            .bind("until", until).bind("key", key)
                            .fetch().rowsUpdated().thenReturn(new Counted(failures, until));
                })
                .switchIfEmpty(Mono.defer(() -> lockedFor(key, now)
                        .flatMap(remaining -> Mono.<Counted>error(new Locked(remaining)))));
        return tx.transactional(work);
    }

    private Mono<Duration> lockedFor(String key, Instant now) {
        return db.sql("select locked_until from login_throttle where throttle_key = :key")
                .bind("key", key)
                .map(row -> row.get("locked_until", Instant.class))
                .one()
                .map(until -> until.isAfter(now) ? Duration.between(now, until) : Duration.ofSeconds(1))
                .defaultIfEmpty(Duration.ofSeconds(1));
    }
}
