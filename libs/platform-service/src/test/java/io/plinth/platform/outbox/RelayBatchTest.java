package io.plinth.platform.outbox;

import static io.plinth.platform.outbox.RelayBatch.Outcome.ACKED;
import static io.plinth.platform.outbox.RelayBatch.Outcome.FAILED;
import static io.plinth.platform.outbox.RelayBatch.Outcome.NOT_SENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.plinth.platform.outbox.RelayBatch.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelayBatchTest {

    @Test
    void allAckedRowsArePublished() {
        var decision = RelayBatch.decide(
                List.of(new Row(1, "t", "a"), new Row(2, "t", "b"), new Row(3, "t", "a")),
                List.of(ACKED, ACKED, ACKED));

        assertThat(decision.published()).containsExactly(1L, 2L, 3L);
        assertThat(decision.failed()).isEmpty();
    }

    @Test
    void anAckedRowAfterAFailureOfTheSameKeyStaysUnpublishedSoTheKeyIsNeverDeliveredOutOfOrder() {
        var decision = RelayBatch.decide(
                List.of(new Row(1, "t", "a"), new Row(2, "t", "a"), new Row(3, "t", "a"), new Row(4, "t", "b")),
                List.of(ACKED, FAILED, ACKED, ACKED));

        assertThat(decision.published()).containsExactly(1L, 4L);
        assertThat(decision.failed()).containsExactly(2L);
    }

    @Test
    void theSameKeyOnAnotherTopicIsIndependent() {
        var decision = RelayBatch.decide(
                List.of(new Row(1, "t1", "a"), new Row(2, "t2", "a")),
                List.of(FAILED, ACKED));

        assertThat(decision.published()).containsExactly(2L);
        assertThat(decision.failed()).containsExactly(1L);
    }

    @Test
    void rowsNeverSentAreNeitherPublishedNorCountedAsFailedAttempts() {
        var decision = RelayBatch.decide(
                List.of(new Row(1, "t", "a"), new Row(2, "t", "b"), new Row(3, "t", "c")),
                List.of(ACKED, FAILED, NOT_SENT));

        assertThat(decision.published()).containsExactly(1L);
        assertThat(decision.failed()).containsExactly(2L);
    }
}
