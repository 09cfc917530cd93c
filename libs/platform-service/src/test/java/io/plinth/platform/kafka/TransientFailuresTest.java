package io.plinth.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.plinth.events.EventSerializationException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;

class TransientFailuresTest {

    @Test
    void databaseAndTimeoutTroubleIsTransientWhereverItSitsInTheCauseChain() {
        assertThat(TransientFailures.isTransient(new ListenerExecutionFailedException("listener failed",
                new CannotCreateTransactionException("no connection", new ConnectException("refused"))))).isTrue();
        assertThat(TransientFailures.isTransient(new DataAccessResourceFailureException("pool exhausted"))).isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException(new TimeoutException("handler took too long"))))
                .isTrue();
    }

    @Test
    void aProblemWithTheEventOrTheHandlerLogicIsNot() {
        assertThat(TransientFailures.isTransient(new ListenerExecutionFailedException("listener failed",
                new IllegalStateException("cannot apply")))).isFalse();
        assertThat(TransientFailures.isTransient(new EventSerializationException("bad json", null))).isFalse();
    }
}
