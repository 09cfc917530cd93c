package io.plinth.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.plinth.test.blocking.BlockingCallsFail;
import java.net.InetAddress;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Tests run with BlockHound: blocking on a non-blocking thread fails, on boundedElastic it is fine. Installed
 * unless a run turns it off ({@code -Dplinth.blockhound=false}).
 */
class BlockingCallsFailIT {

    @Test
    void isInstalledWhenTheBuildSaysSo() {
        assertThat(BlockingCallsFail.isInstalled()).isEqualTo(Boolean.getBoolean(BlockingCallsFail.ENABLED));
    }

    @Test
    void aBlockingCallOnANonBlockingThreadFails() {
        assumeTrue(BlockingCallsFail.isInstalled(), "BlockHound turned off for this run");

        Mono<String> sleepsOnParallel = Mono.fromCallable(() -> {
            // Not a wait: Thread.sleep is the blocking call BlockHound must catch on a non-blocking thread.
            Thread.sleep(1);
            return "slept";
        }).subscribeOn(Schedulers.parallel());

        assertThatThrownBy(() -> sleepsOnParallel.block(Duration.ofSeconds(10)))
                .hasStackTraceContaining("Blocking call!");
    }

    @Test
    void aJdkNameLookupOnANonBlockingThreadFails() {
        assumeTrue(BlockingCallsFail.isInstalled(), "BlockHound turned off for this run");
        // A name never looked up, so the JDK's cache cannot answer; BlockHound stops the call before any query.
        String name = "never-looked-up-" + UUID.randomUUID() + ".invalid";

        Mono<InetAddress[]> looksUpOnParallel = Mono.fromCallable(() -> InetAddress.getAllByName(name))
                .subscribeOn(Schedulers.parallel());

        assertThatThrownBy(() -> looksUpOnParallel.block(Duration.ofSeconds(10)))
                .hasStackTraceContaining("Blocking call! java.net.Inet");
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
