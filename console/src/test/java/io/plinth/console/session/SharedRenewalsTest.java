package io.plinth.console.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.plinth.console.platform.ApiProblem;
import io.plinth.test.MutableClock;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class SharedRenewalsTest {

    private final MutableClock clock = pinned(Instant.parse("2026-11-25T10:00:00Z"));
    private final AtomicInteger calls = new AtomicInteger();
    /** Stands in for auth-service: each call rotates, answering a pair no other call gets. */
    private final SharedRenewals renewals = new SharedRenewals(token -> Mono.delay(Duration.ofMillis(50))
            .map(tick -> pair(token + "->" + calls.incrementAndGet())), clock);

    @Test
    void requestsPresentingTheSameTokenTogetherShareOneRenewal() {
        List<Sessions.TokenPair> answers = Flux.range(0, 8)
                .flatMap(i -> Mono.defer(() -> renewals.renew("r1")).subscribeOn(Schedulers.parallel()))
                .collectList().block(Duration.ofSeconds(5));

        assertThat(answers).hasSize(8).containsOnly(pair("r1->1"));
        assertThat(calls).hasValue(1);
    }

    @Test
    void aRequestJustAfterTheRenewalGetsTheSamePairAndOneAfterTheGraceAsksAgain() {
        assertThat(renewals.renew("r1").block()).isEqualTo(pair("r1->1"));
        clock.advance(SharedRenewals.GRACE.minusSeconds(1));
        assertThat(renewals.renew("r1").block()).isEqualTo(pair("r1->1"));
        assertThat(calls).hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        // Past the grace the spent token goes to auth-service again, which refuses it there.
        assertThat(renewals.renew("r1").block()).isEqualTo(pair("r1->2"));
        assertThat(renewals.renew("r2").block()).isEqualTo(pair("r2->3"));
        clock.advance(SharedRenewals.GRACE);
        renewals.renew("r3").block();
        assertThat(renewals.remembered()).as("older renewals swept").isEqualTo(1);
    }

    @Test
    void aFailedRenewalIsForgottenSoTheNextRequestTriesAgain() {
        AtomicInteger attempts = new AtomicInteger();
        SharedRenewals flaky = new SharedRenewals(token -> attempts.incrementAndGet() == 1
                ? Mono.error(new ApiProblem(503, "Service Unavailable", "auth-service did not answer", "unreachable", null))
                : Mono.just(pair("fresh")), clock);

        StepVerifier.create(flaky.renew("r1")).expectError(ApiProblem.class).verify(Duration.ofSeconds(5));
        assertThat(flaky.renew("r1").block()).isEqualTo(pair("fresh"));
        assertThat(attempts).hasValue(2);
    }

    private static MutableClock pinned(Instant at) {
        MutableClock clock = new MutableClock();
        clock.pin(at);
        return clock;
    }

    private static Sessions.TokenPair pair(String refresh) {
        return new Sessions.TokenPair("access-" + refresh, refresh, "Bearer", 900);
    }
}
