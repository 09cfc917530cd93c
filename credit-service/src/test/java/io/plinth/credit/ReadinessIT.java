package io.plinth.credit;

import static org.awaitility.Awaitility.await;

import io.plinth.credit.support.IntegrationTestBase;
import io.plinth.test.ReadinessGroup;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Readiness is what credit-service cannot answer without, exactly as its README says; Kafka is not part of it. */
class ReadinessIT extends IntegrationTestBase {

    @Test
    void readinessIsUpWithExactlyTheMembersTheReadmeDeclares() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ReadinessGroup.assertServedAsDeclared(http));
    }
}
