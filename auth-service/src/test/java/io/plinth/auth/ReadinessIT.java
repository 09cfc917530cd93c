package io.plinth.auth;

import static org.awaitility.Awaitility.await;

import io.plinth.test.ReadinessGroup;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Readiness is what auth-service cannot answer without, exactly as its README says; Kafka is not part of it. */
class ReadinessIT extends AuthServiceITSupport {

    @Test
    void readinessIsUpWithExactlyTheMembersTheReadmeDeclares() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ReadinessGroup.assertServedAsDeclared(client()));
    }
}
