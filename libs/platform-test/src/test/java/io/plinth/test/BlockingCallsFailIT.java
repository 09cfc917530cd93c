package io.plinth.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plinth.test.blocking.BlockingCallsFail;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Integration tests run with BlockHound: blocking on a non-blocking thread fails, on boundedElastic it is fine. */
class BlockingCallsFailIT {

    @Test
    void aBlockingCallOnANonBlockingThreadFails() {
        assertThat(BlockingCallsFail.isInstalled()).isTrue();

        Mono<String> sleepsOnParallel = Mono.fromCallable(() -> {
            // Not a wait: Thread.sleep is the blocking call BlockHound must catch on a non-blocking thread.
            Thread.sleep(1);
            return "slept";
        }).subscribeOn(Schedulers.parallel());

        assertThatThrownBy(() -> sleepsOnParallel.block(Duration.ofSeconds(10)))
                .hasStackTraceContaining("Blocking call!");
    }

    @Test
    void theSameCallOnBoundedElasticIsAllowed() {
        Mono<String> sleepsOnElastic = Mono.fromCallable(() -> {
            // The same blocking call, where blocking is allowed.
            Thread.sleep(1);
            return "slept";
        }).subscribeOn(Schedulers.boundedElastic());

        assertThat(sleepsOnElastic.block(Duration.ofSeconds(10))).isEqualTo("slept");
    }
}
