package io.plinth.auth.account;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Argon2id hashing off the event loop. Hashing is deliberately expensive, so it runs on a scheduler with
 * one thread per core: more threads would not go faster, only multiply the memory (m KiB each).
 * {@link #verifyOrBurn} spends the same work when there is no account, so a wrong email and a wrong
 * password take about the same time.
 */
public final class PasswordHasher {

    private final Argon2PasswordEncoder encoder;
    private final Scheduler scheduler;
    private final String dummyHash;

    public PasswordHasher(int memoryKib, int iterations, int parallelism) {
        this.encoder = new Argon2PasswordEncoder(16, 32, parallelism, memoryKib, iterations);
        this.scheduler = Schedulers.newBoundedElastic(Runtime.getRuntime().availableProcessors(), 10_000, "argon2");
        this.dummyHash = encoder.encode("plinth-timing-equaliser-not-a-password");
    }

    public Mono<String> hash(String password) {
        return Mono.fromCallable(() -> encoder.encode(password)).subscribeOn(scheduler);
    }

    /** True when the password matches; with a null hash, burns a verification and answers false. */
    public Mono<Boolean> verifyOrBurn(String password, String hashOrNull) {
        return Mono.fromCallable(() -> {
            if (hashOrNull == null) {
                encoder.matches(password, dummyHash);
                return false;
            }
            return encoder.matches(password, hashOrNull);
        }).subscribeOn(scheduler);
    }

    /** Synchronous hash for start-up work and measurements. */
    public String hashNow(String password) {
        return encoder.encode(password);
    }
}
