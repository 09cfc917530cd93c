package io.plinth.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A token that a session renews before it expires, or when the platform stops accepting it.
 *
 * <p>Renewal is single-flight: however many threads find the token stale at once, one renewal
 * runs and they all get its result. That matters for first-party refresh tokens, which are spent
 * on use: two concurrent refreshes with one token would look like a stolen token to the platform
 * and end the session. A renewal refused with 401/403 ends the session for good: every later
 * call fails at once with that error instead of trying again.
 *
 * @param <C> the credential (its token and its expiry)
 */
final class RenewableToken<C> {

    /** Renew this long before the expiry, so a token never expires between the check and its use. */
    static final Duration MARGIN = Duration.ofSeconds(30);

    private final Function<C, CompletableFuture<C>> renewer;
    private final Function<C, Instant> expiry;
    private final Clock clock;

    private C current;
    private CompletableFuture<C> renewal;
    private PlinthException ended;

    RenewableToken(C initial, Function<C, CompletableFuture<C>> renewer, Function<C, Instant> expiry, Clock clock) {
        this.current = initial;
        this.renewer = renewer;
        this.expiry = expiry;
        this.clock = clock;
    }

    /** The credential to use now, renewed first if it is about to expire. */
    synchronized CompletableFuture<C> current() {
        if (ended != null) {
            return CompletableFuture.failedFuture(ended);
        }
        if (renewal != null) {
            return renewal;
        }
        if (clock.instant().plus(MARGIN).isAfter(expiry.apply(current))) {
            return renew(current);
        }
        return CompletableFuture.completedFuture(current);
    }

    /**
     * Renews {@code stale}, the credential a call just saw refused. If another caller has renewed
     * it meanwhile, that newer one is returned without another renewal.
     */
    synchronized CompletableFuture<C> renew(C stale) {
        if (ended != null) {
            return CompletableFuture.failedFuture(ended);
        }
        if (renewal != null) {
            return renewal;
        }
        if (current != stale) {
            return CompletableFuture.completedFuture(current);
        }
        CompletableFuture<C> result = new CompletableFuture<>();
        renewal = result;
        CompletableFuture<C> started;
        try {
            started = renewer.apply(stale);
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        started.whenComplete((renewed, error) -> settle(result, renewed, error));
        return result;
    }

    private void settle(CompletableFuture<C> result, C renewed, Throwable error) {
        Throwable cause = error == null ? null : Transport.unwrap(error);
        synchronized (this) {
            if (renewal == result) {
                renewal = null;
            }
            if (cause == null) {
                current = renewed;
            } else if (cause instanceof AuthenticationException || cause instanceof ForbiddenException) {
                ended = (PlinthException) cause;
            }
        }
        if (cause == null) {
            result.complete(renewed);
        } else {
            result.completeExceptionally(cause);
        }
    }

    /**
     * Runs {@code call} with the current credential. If the platform refuses it (401), renews it
     * once and runs {@code afterRenewal} with the new one; a null {@code afterRenewal} means the
     * call cannot be repeated with another credential, and the 401 is final.
     */
    <T> CompletableFuture<T> use(Function<C, CompletableFuture<T>> call, Function<C, CompletableFuture<T>> afterRenewal) {
        return current().thenCompose(used -> call.apply(used).exceptionallyCompose(error -> {
            Throwable cause = Transport.unwrap(error);
            return cause instanceof AuthenticationException && afterRenewal != null
                    ? renew(used).thenCompose(afterRenewal)
                    : CompletableFuture.failedFuture(cause);
        }));
    }

    /** Ends the session locally: later calls fail with {@code reason}. */
    synchronized void end(PlinthException reason) {
        ended = reason;
    }

    synchronized C peek() {
        return current;
    }
}
