package io.plinth.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventFlowTest {

    @Test
    void readsTheKafkaComponentFromAHealthDocumentThatIsDownBecauseOfIt() {
        String health = """
                {"status":"DOWN","components":{"diskSpace":{"status":"UP"},"kafka":{"status":"DOWN"},\
                "r2dbc":{"status":"UP"}},"groups":["liveness","readiness"]}""";

        assertThat(EventFlow.kafkaStatus(health)).isEqualTo("DOWN");
        assertThat(EventFlow.kafkaStatus("{\"status\":\"UP\",\"components\":{\"ping\":{\"status\":\"UP\"}}}")).isNull();
    }

    @Test
    void readsTheOutboxGaugesFromAPrometheusScrape() {
        String scrape = """
                # HELP plinth_outbox_backlog Outbox rows not yet acknowledged by Kafka
                # TYPE plinth_outbox_backlog gauge
                plinth_outbox_backlog{application="auth-service"} 12.0
                # HELP plinth_outbox_oldest_age_seconds Age of the oldest unpublished outbox row
                # TYPE plinth_outbox_oldest_age_seconds gauge
                plinth_outbox_oldest_age_seconds{application="auth-service"} 41.0
                plinth_outbox_published_total{application="auth-service"} 7.0
                """;

        assertThat(EventFlow.gauge(scrape, "plinth_outbox_backlog")).isEqualTo(12L);
        assertThat(EventFlow.gauge(scrape, "plinth_outbox_oldest_age_seconds")).isEqualTo(41L);
        assertThat(EventFlow.gauge(scrape, "plinth_outbox_missing")).isNull();
    }

    @Test
    void showsTheBacklogWithTheAgeOfItsOldestEvent() {
        assertThat(new EventFlow("DOWN", 12L, 75L).outbox()).isEqualTo("12 (1m15s)");
        assertThat(new EventFlow("UP", 0L, 0L).outbox()).isEqualTo("0");
        assertThat(new EventFlow(null, null, null).outbox()).isEqualTo("-");
    }
}
