package io.plinth.test.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class ThreadDumpOnTimeoutTest {

    @Test
    void aBlockThatRanOutOfTimeIsATimeout() {
        Throwable failure = catchFailure(() -> Mono.never().block(Duration.ofMillis(10)));
        assertThat(ThreadDumpOnTimeout.isTimeout(failure)).isTrue();
        assertThat(ThreadDumpOnTimeout.isTimeout(new AssertionError("wrapped", new TimeoutException()))).isTrue();
    }

    @Test
    void anOrdinaryFailureIsNot() {
        assertThat(ThreadDumpOnTimeout.isTimeout(new AssertionError("expected 200 but was 500"))).isFalse();
        assertThat(ThreadDumpOnTimeout.isTimeout(new IllegalStateException((String) null))).isFalse();
    }

    private static Throwable catchFailure(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected the action to fail");
    }
}
