package io.plinth.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.reactive.function.client.WebClient;

import io.plinth.platform.web.testapp.IdempotencyTestController;
import io.plinth.platform.web.testapp.PlatformWebIT;
import io.plinth.test.security.TestTokens;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Stripe's Idempotency-Key semantics against real PostgreSQL, counting real executions. */
class IdempotencyKeyIT extends PlatformWebIT {

    private static final String CONSUME = "/test/credits/consume";

    @Autowired
    IdempotencyTestController controller;

    @Autowired
    DatabaseClient db;

    @Autowired
    IdempotencyKeySweeper sweeper;

    private static String body(String ref, long credits, long delayMillis) {
        return "{\"ref\":\"" + ref + "\",\"credits\":" + credits + ",\"delayMillis\":" + delayMillis + "}";
    }

    private EntityExchangeResult<byte[]> post(String key, String body) {
        return client().post().uri(CONSUME).header(IdempotencyKeyWebFilter.HEADER, key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectBody().returnResult();
    }

    @Test
    void replayReturnsTheFirstResponseByteForByteWithoutExecutingAgain() {
        String ref = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();

        EntityExchangeResult<byte[]> first = post(key, body(ref, 5, 0));
        EntityExchangeResult<byte[]> second = post(key, body(ref, 5, 0));

        assertThat(first.getStatus().value()).isEqualTo(201);
        assertThat(second.getStatus().value()).isEqualTo(201);
        assertThat(second.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(second.getResponseHeaders().getFirst(HttpHeaders.LOCATION))
                .isEqualTo(first.getResponseHeaders().getFirst(HttpHeaders.LOCATION));
        assertThat(second.getResponseHeaders().getContentType()).isEqualTo(first.getResponseHeaders().getContentType());
        assertThat(second.getResponseHeaders().getFirst(IdempotencyKeyWebFilter.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(first.getResponseHeaders().getFirst(IdempotencyKeyWebFilter.REPLAYED_HEADER)).isNull();
        assertThat(controller.executions(ref)).isEqualTo(1);
    }

    @Test
    void sameKeyWithADifferentBodyIs409Reused() {
        String ref = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();
        post(key, body(ref, 5, 0));

        client().post().uri(CONSUME).header(IdempotencyKeyWebFilter.HEADER, key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body(ref, 6, 0))
                .exchange().expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("idempotency_key_reused");
        assertThat(controller.executions(ref)).isEqualTo(1);
    }

    @Test
    void twentyConcurrentRequestsWithOneKeyExecuteExactlyOnce() {
        String ref = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();
        String body = body(ref, 5, 300);
        WebClient web = WebClient.create("http://localhost:" + port);

        List<Map.Entry<Integer, String>> answers = Flux.range(0, 20)
                .flatMap(i -> web.post().uri(CONSUME).header(IdempotencyKeyWebFilter.HEADER, key)
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                        .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                                .map(text -> Map.entry(response.statusCode().value(), text))), 20)
                .collectList()
                .block(Duration.ofSeconds(30));

        assertThat(answers).hasSize(20);
        assertThat(controller.executions(ref)).isEqualTo(1);
        Map<Integer, Long> byStatus = answers.stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.counting()));
        assertThat(byStatus.keySet()).isSubsetOf(201, 409);
        assertThat(byStatus.get(201)).isGreaterThanOrEqualTo(1L);
        answers.stream().filter(a -> a.getKey() == 409)
                .forEach(a -> assertThat(a.getValue()).contains("idempotency_key_in_use"));
        // Every 201 (the execution and any replay after it finished) carries the same body.
        assertThat(answers.stream().filter(a -> a.getKey() == 201).map(Map.Entry::getValue).distinct()).hasSize(1);
    }

    @Test
    void aFailedExecutionReleasesTheKeySoARetryRuns() {
        String ref = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();
        controller.failNext(ref, 1);

        assertThat(post(key, body(ref, 5, 0)).getStatus().value()).isEqualTo(500);
        EntityExchangeResult<byte[]> retry = post(key, body(ref, 5, 0));

        assertThat(retry.getStatus().value()).isEqualTo(201);
        assertThat(retry.getResponseHeaders().getFirst(IdempotencyKeyWebFilter.REPLAYED_HEADER)).isNull();
        assertThat(controller.executions(ref)).isEqualTo(2);
    }

    @Test
    void aClientThatHangsUpReleasesTheKey() {
        String ref = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();
        WebClient web = WebClient.create("http://localhost:" + port);

        // The handler waits 3 s before its side effect; the client gives up after 300 ms and closes the connection.
        Mono<String> abandoned = web.post().uri(CONSUME).header(IdempotencyKeyWebFilter.HEADER, key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body(ref, 5, 3000))
                .retrieve().bodyToMono(String.class).timeout(Duration.ofMillis(300));
        assertThat(abandoned.onErrorResume(java.util.concurrent.TimeoutException.class, ex -> Mono.just("timed out"))
                .block(Duration.ofSeconds(10))).isEqualTo("timed out");

        await().atMost(Duration.ofSeconds(10)).until(() -> rowsFor(key) == 0L);
        EntityExchangeResult<byte[]> retry = post(key, body(ref, 5, 3000));
        assertThat(retry.getStatus().value()).isEqualTo(201);
        assertThat(controller.executions(ref)).isEqualTo(1);
    }

    @Test
    void aClientErrorIsStoredAndReplayedLikeStripe() {
        String ref = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();

        EntityExchangeResult<byte[]> first = post(key, body(ref, 5000, 0));
        EntityExchangeResult<byte[]> second = post(key, body(ref, 5000, 0));

        assertThat(first.getStatus().value()).isEqualTo(402);
        assertThat(second.getStatus().value()).isEqualTo(402);
        assertThat(second.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(second.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(controller.executions(ref)).isEqualTo(1);
    }

    @Test
    void missingKeyIs400WhenRequiredAndIgnoredWhenOptional() {
        String ref = UUID.randomUUID().toString();
        client().post().uri(CONSUME).contentType(MediaType.APPLICATION_JSON).bodyValue(body(ref, 5, 0))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("idempotency_key_required");
        assertThat(controller.executions(ref)).isZero();

        client().post().uri("/test/credits/optional").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body(ref, 5, 0)).exchange().expectStatus().isOk();
        client().post().uri("/test/credits/optional").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body(ref, 5, 0)).exchange().expectStatus().isOk();
        assertThat(controller.executions(ref)).isEqualTo(2);
    }

    @Test
    void aKeyLongerThan255CharactersIs400() {
        client().post().uri(CONSUME).header(IdempotencyKeyWebFilter.HEADER, "k".repeat(256))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body("r", 5, 0))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("idempotency_key_invalid");
    }

    @Test
    void unannotatedEndpointsIgnoreTheHeader() {
        String ref = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            client().post().uri("/test/credits/plain").header(IdempotencyKeyWebFilter.HEADER, key)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(body(ref, 5, 0))
                    .exchange().expectStatus().isOk();
        }
        assertThat(controller.executions(ref)).isEqualTo(2);
    }

    @Test
    void keysBelongToTheirCaller() {
        String ref = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();
        String body = body(ref, 5, 0);

        post(key, body);
        client().post().uri(CONSUME).header(IdempotencyKeyWebFilter.HEADER, key)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.user("user-" + ref).sign())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .expectHeader().doesNotExist(IdempotencyKeyWebFilter.REPLAYED_HEADER);
        client().post().uri(CONSUME).header(IdempotencyKeyWebFilter.HEADER, key)
                .header(IdempotencyCallerResolver.API_KEY_HEADER, "pk_" + ref)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .expectHeader().doesNotExist(IdempotencyKeyWebFilter.REPLAYED_HEADER);

        assertThat(controller.executions(ref)).isEqualTo(3);
        Long principalRows = db.sql("SELECT count(*) AS n FROM idempotency_keys WHERE idempotency_key = :key AND caller = :caller")
                .bind("key", key).bind("caller", "principal:user-" + ref)
                .map(row -> row.get("n", Long.class)).one().block();
        assertThat(principalRows).isEqualTo(1L);
    }

    @Test
    void anExpiredKeyIsFreeAgainAndTheSweeperDeletesIt() {
        String ref = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();
        post(key, body(ref, 5, 0));
        Long expiresInHours = db.sql("SELECT round(extract(epoch FROM expires_at - created_at) / 3600) AS h "
                        + "FROM idempotency_keys WHERE idempotency_key = :key")
                .bind("key", key).map(row -> row.get("h", Number.class).longValue()).one().block();
        assertThat(expiresInHours).isEqualTo(24L);

        expire(key);
        // Expired but not swept yet: the key counts as unused, so a new request with it executes.
        EntityExchangeResult<byte[]> afterExpiry = post(key, body(ref, 7, 0));
        assertThat(afterExpiry.getStatus().value()).isEqualTo(201);
        assertThat(controller.executions(ref)).isEqualTo(2);

        expire(key);
        Long swept = sweeper.sweepExpired().block();
        assertThat(swept).isGreaterThanOrEqualTo(1L);
        assertThat(rowsFor(key)).isZero();
    }

    private void expire(String key) {
        db.sql("UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE idempotency_key = :key")
                .bind("key", key).fetch().rowsUpdated().block();
    }

    private long rowsFor(String key) {
        return db.sql("SELECT count(*) AS n FROM idempotency_keys WHERE idempotency_key = :key")
                .bind("key", key).map(row -> row.get("n", Long.class)).one().blockOptional().orElse(0L);
    }
}
