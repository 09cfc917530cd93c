package io.plinth.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.plinth.events.EventEnvelope;
import io.plinth.events.EventFactory;
import io.plinth.events.EventJson;
import io.plinth.events.credit.CreditsGranted;
import io.plinth.platform.web.testapp.PlatformWebIT;
import io.plinth.test.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;

/**
 * The outbox backlog endpoint every web service gets, against real PostgreSQL and Kafka: it counts the rows
 * Kafka has not acknowledged while the relay is paused, drops to zero once the relay has published them, and
 * answers only the platform's admins.
 */
class OutboxAdminEndpointIT extends PlatformWebIT {

    private static final String PATH = "/api/v1/admin/services/platform-web-it/outbox";

    @Autowired
    OutboxRelay relay;

    @Autowired
    Outbox outbox;

    @Autowired
    EventFactory events;

    @Autowired
    TransactionalOperator tx;

    @Autowired
    DatabaseClient db;

    @Test
    void countsWhatKafkaHasNotAcknowledgedAndHowLongTheOldestHasWaited() {
        String admin = TestTokens.admin("ops-1").sign();
        // given: whatever earlier tests wrote has been published, and then the relay pauses
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(backlog(admin).unpublished()).isZero());
        relay.stop();
        try {
            // when: three events are committed the normal way, and one row has waited two minutes
            String user = "u-" + UUID.randomUUID();
            tx.transactional(outbox.appendAll(List.of(granted(user, 1), granted(user, 2), granted(user, 3))))
                    .block(Duration.ofSeconds(30));
            Instant twoMinutesAgo = insertUnpublished(granted(user, 4), Duration.ofMinutes(2));

            // then: all four are counted, the oldest is the one that waited
            OutboxAdminController.BacklogResponse paused = backlog(admin);
            assertThat(paused.service()).isEqualTo("platform-web-it");
            assertThat(paused.unpublished()).isEqualTo(4);
            assertThat(paused.oldestCreatedAt()).isEqualTo(twoMinutesAgo);
            assertThat(paused.oldestAgeSeconds()).isBetween(120L, 180L);
        } finally {
            relay.start();
        }

        // then: once the relay runs again, Kafka has them all and the backlog is empty
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            OutboxAdminController.BacklogResponse drained = backlog(admin);
            assertThat(drained.unpublished()).isZero();
            assertThat(drained.oldestAgeSeconds()).isZero();
            assertThat(drained.oldestCreatedAt()).isNull();
        });
    }

    @Test
    void onlyThePlatformsAdminsMayReadIt() {
        refused(TestTokens.user("u-1").sign(), 403);
        // An admin of a customer tenant: the outbox is every tenant's, so it is not theirs to see.
        refused(TestTokens.admin("a-1").tenant("acme").sign(), 403);
        client().get().uri(PATH).exchange().expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        // Another service's name is not answered here: a misrouted request never gets this service's figures.
        client().get().uri("/api/v1/admin/services/credit-service/outbox")
                .headers(h -> h.setBearerAuth(TestTokens.admin("ops-1").sign())).exchange()
                .expectStatus().isNotFound();
    }

    private void refused(String token, int status) {
        client().get().uri(PATH).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("forbidden");
    }

    private OutboxAdminController.BacklogResponse backlog(String token) {
        WebTestClient.ResponseSpec response = client().get().uri(PATH).headers(h -> h.setBearerAuth(token)).exchange();
        return response.expectStatus().isOk()
                .expectBody(OutboxAdminController.BacklogResponse.class).returnResult().getResponseBody();
    }

    private EventEnvelope granted(String user, long balance) {
        return events.create(user, "tenant-1", new CreditsGranted(user, UUID.randomUUID().toString(), 1, balance, "test"));
    }

    /** A committed row the relay has not published, written {@code ago} in the past. */
    private Instant insertUnpublished(EventEnvelope envelope, Duration ago) {
        return Flux.from(db.sql("""
                        insert into outbox (event_id, topic, key, event, created_at)
                        values (:eventId, :topic, :key, cast(:event as jsonb), now() - make_interval(secs => :ago))
                        returning created_at""")
                        .bind("eventId", UUID.fromString(envelope.id()))
                        .bind("topic", envelope.topic())
                        .bind("key", envelope.subject())
                        .bind("event", EventJson.instance().toJson(envelope))
                        .bind("ago", (double) ago.toSeconds())
                        .map(row -> row.get("created_at", OffsetDateTime.class).toInstant())
                        .all())
                .blockFirst(Duration.ofSeconds(30));
    }
}
