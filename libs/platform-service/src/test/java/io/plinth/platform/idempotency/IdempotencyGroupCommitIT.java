package io.plinth.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.plinth.platform.web.testapp.PlatformWebIT;
import reactor.core.publisher.Flux;

/**
 * Claims and stored responses that arrive together share one statement, and each is still decided
 * by the rules of the single statements: new keys are claimed, a finished key answers with its
 * response, a running key is in progress, a key that comes twice is claimed once.
 */
class IdempotencyGroupCommitIT extends PlatformWebIT {

    private static final byte[] HASH = "request-hash".getBytes(StandardCharsets.UTF_8);

    @Autowired
    DatabaseClient db;

    @Autowired
    IdempotencyProperties properties;

    /** One statement at a time, so everything submitted while the first runs queues for the next. */
    private IdempotencyStore storeWithOneBatchInFlight(SimpleMeterRegistry meters) {
        IdempotencyProperties oneAtATime = new IdempotencyProperties(true, properties.ttl(), properties.lockTimeout(),
                properties.sweepInterval(), properties.sweepBatchSize(), 64, 1);
        return new IdempotencyStore(db, oneAtATime, meters);
    }

    @Test
    void claimsArrivingTogetherAreEachDecidedByTheirOwnRow() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        IdempotencyStore store = storeWithOneBatchInFlight(meters);
        String caller = "user:" + UUID.randomUUID();
        // Given a finished key and a key whose request is still running
        String finished = "finished-" + UUID.randomUUID();
        String running = "running-" + UUID.randomUUID();
        var finishedClaim = (ClaimOutcome.Claimed) store.claim(caller, finished, HASH).block();
        store.complete(finishedClaim, new StoredResponse(201, "application/json", "/things/1",
                "{\"id\":1}".getBytes(StandardCharsets.UTF_8))).block();
        store.claim(caller, running, HASH).block();
        List<String> fresh = IntStream.range(0, 20).mapToObj(i -> "fresh-" + i + "-" + UUID.randomUUID()).toList();
        String twice = fresh.get(0);

        // When all of them (and one fresh key a second time) are claimed at once
        List<String> keys = new java.util.ArrayList<>(fresh);
        keys.addAll(List.of(finished, running, twice));
        List<KeyOutcome> outcomes = Flux.fromIterable(keys)
                .flatMap(key -> store.claim(caller, key, HASH).map(outcome -> new KeyOutcome(key, outcome)), keys.size())
                .collectList().block(Duration.ofSeconds(30));

        // Then
        assertThat(outcomes).hasSize(keys.size());
        assertThat(outcomes.stream().filter(o -> o.key().equals(twice)).map(KeyOutcome::outcome).toList())
                .as("a key claimed twice at once: one claim, one request told it is in progress")
                .hasSize(2)
                .satisfiesExactlyInAnyOrder(
                        o -> assertThat(o).isInstanceOf(ClaimOutcome.Claimed.class),
                        o -> assertThat(o).isInstanceOfSatisfying(ClaimOutcome.Existing.class,
                                e -> assertThat(e.inProgress()).isTrue()));
        assertThat(outcomes.stream().filter(o -> fresh.contains(o.key()) && !o.key().equals(twice)))
                .allSatisfy(o -> assertThat(o.outcome()).isInstanceOfSatisfying(ClaimOutcome.Claimed.class,
                        c -> assertThat(c.key()).isEqualTo(o.key())));
        assertThat(outcome(outcomes, finished)).isInstanceOfSatisfying(ClaimOutcome.Existing.class, e -> {
            assertThat(e.inProgress()).isFalse();
            assertThat(e.response().status()).isEqualTo(201);
            assertThat(e.response().location()).isEqualTo("/things/1");
            assertThat(new String(e.response().body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":1}");
        });
        assertThat(outcome(outcomes, running)).isInstanceOfSatisfying(ClaimOutcome.Existing.class,
                e -> assertThat(e.inProgress()).isTrue());
        DistributionSummary sizes = meters.get("plinth.idempotency.batch.size").tag("statement", "claim").summary();
        assertThat(sizes.max()).as("claims that queued behind the first went out together").isGreaterThan(1);
    }

    @Test
    void responsesStoredTogetherEachKeepTheirOwnBytes() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        IdempotencyStore store = storeWithOneBatchInFlight(meters);
        String caller = "user:" + UUID.randomUUID();
        List<ClaimOutcome.Claimed> claims = IntStream.range(0, 20)
                .mapToObj(i -> (ClaimOutcome.Claimed) store.claim(caller, "k-" + i + "-" + UUID.randomUUID(), HASH).block())
                .toList();
        // A claim that was taken over meanwhile (another claim id on the row) must not be completed.
        ClaimOutcome.Claimed lost = new ClaimOutcome.Claimed(caller, claims.get(19).key(), UUID.randomUUID());

        List<Boolean> saved = Flux.range(0, 20)
                .flatMap(i -> i == 19
                        ? store.complete(lost, response(i))
                        : store.complete(claims.get(i), response(i)), 20)
                .collectList().block(Duration.ofSeconds(30));

        assertThat(saved).hasSize(20).containsOnlyOnce(false);
        for (int i = 0; i < 19; i++) {
            var replay = (ClaimOutcome.Existing) store.claim(caller, claims.get(i).key(), HASH).block();
            StoredResponse expected = response(i);
            assertThat(replay.response().status()).isEqualTo(expected.status());
            assertThat(replay.response().contentType()).isEqualTo(expected.contentType());
            assertThat(replay.response().location()).isEqualTo(expected.location());
            assertThat(replay.response().body()).isEqualTo(expected.body());
        }
        assertThat(store.claim(caller, claims.get(19).key(), HASH).block())
                .isInstanceOfSatisfying(ClaimOutcome.Existing.class, e -> assertThat(e.inProgress()).isTrue());
        assertThat(meters.get("plinth.idempotency.batch.size").tag("statement", "complete").summary().max())
                .isGreaterThan(1);
    }

    /** Every shape a response takes: with and without content type, location and body, any bytes. */
    private static StoredResponse response(int i) {
        byte[] body = i % 4 == 0 ? new byte[0] : new byte[] {(byte) i, 0, (byte) 0xff, '\n', (byte) (i * 7)};
        return new StoredResponse(i % 3 == 0 ? 402 : 200, i % 2 == 0 ? null : "application/problem+json",
                i % 5 == 0 ? "/r/" + i : null, body);
    }

    private static ClaimOutcome outcome(List<KeyOutcome> outcomes, String key) {
        return outcomes.stream().filter(o -> o.key().equals(key)).findFirst().orElseThrow().outcome();
    }

    private record KeyOutcome(String key, ClaimOutcome outcome) {
    }
}
