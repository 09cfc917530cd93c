package io.plinth.platform.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.plinth.platform.housekeeping.ChunkedDelete;
import io.plinth.platform.kafka.KafkaPublisher;
import io.plinth.platform.outbox.RelayBatch.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes outbox rows to Kafka, oldest first.
 *
 * <p>One round is one database transaction: lock a batch of unpublished rows with
 * {@code FOR UPDATE SKIP LOCKED} (other replicas take other rows), leave out any row whose key has an
 * older unpublished row locked by another replica (so two replicas never race one key), send the rest
 * with the idempotent producer keyed by subject, wait for the broker's acks, and stamp
 * {@code published_at} on the acknowledged rows before committing. A row is therefore marked only after
 * Kafka has it; if the process dies between ack and commit the row is sent again, and the consumer's
 * inbox drops the duplicate.
 *
 * <p>While Kafka (or the database) is down, rounds fail, {@code attempts}/{@code last_error} record
 * why, and the relay retries with exponential back-off for as long as it takes: nothing is dropped or
 * skipped. Metrics: gauges {@code plinth.outbox.backlog} (unpublished rows) and
 * {@code plinth.outbox.oldest.age} (seconds the oldest of them has waited), counters
 * {@code plinth.outbox.published} and {@code plinth.outbox.publish.failures}.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int PRUNE_CHUNK = 10_000;

    /** What one round did. */
    public record RoundResult(int selected, int published, int failed, String error) {
        static final RoundResult EMPTY = new RoundResult(0, 0, 0, null);
    }

    private record Row(long id, String eventId, String topic, String key, String event) {
    }

    private record Attempt(Outcome outcome, Throwable error) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final KafkaPublisher publisher;
    private final OutboxProperties properties;
    private final Duration sendTimeout;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();
    private final Counter published;
    private final Counter failures;
    // Replaced on every start(): once disposed by stop(), a Swap or Composite refuses (disposes) whatever is
    // added to it, so a relay stopped and started again (Spring's test-context pausing does that) would never relay.
    private volatile Disposable.Swap relayLoop = Disposables.swap();
    private volatile Disposable.Composite housekeeping = Disposables.composite();
    private volatile boolean running;
    private volatile Duration backoff;

    public OutboxRelay(DatabaseClient db, TransactionalOperator tx, KafkaPublisher publisher,
            OutboxProperties properties, Duration producerDeliveryTimeout, MeterRegistry registry) {
        this.db = db;
        this.tx = tx;
        this.publisher = publisher;
        this.properties = properties;
        this.sendTimeout = producerDeliveryTimeout.plusSeconds(5);
        this.backoff = properties.backoffInitial();
        Gauge.builder("plinth.outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox rows not yet acknowledged by Kafka")
                .register(registry);
        Gauge.builder("plinth.outbox.oldest.age", oldestAgeSeconds, AtomicLong::get)
                .description("Age of the oldest unpublished outbox row (0 when none): how far behind Kafka is")
                .baseUnit("seconds")
                .register(registry);
        this.published = Counter.builder("plinth.outbox.published")
                .description("Outbox rows published and acknowledged by Kafka").register(registry);
        this.failures = Counter.builder("plinth.outbox.publish.failures")
                .description("Outbox rows whose send failed (they are retried)").register(registry);
    }

    /** Unpublished rows as of the last refresh. */
    public long backlog() {
        return backlog.get();
    }

    /** Runs one relay round now (the background loop calls this; tests may too). */
    public Mono<RoundResult> relayOnce() {
        Mono<RoundResult> round = lockBatch().collectList().flatMap(rows -> rows.isEmpty()
                ? Mono.just(RoundResult.EMPTY)
                : send(rows).flatMap(outcomes -> record(rows, outcomes)));
        return tx.transactional(round).doOnNext(result -> {
            published.increment(result.published());
            failures.increment(result.failed());
        });
    }

    /** Re-reads the backlog gauges from the table. */
    public Mono<Long> refreshBacklog() {
        return OutboxBacklog.read(db)
                .doOnNext(read -> oldestAgeSeconds.set(read.oldestAgeSeconds()))
                .map(OutboxBacklog::unpublished)
                .doOnNext(backlog::set);
    }

    /** Deletes published rows older than the retention period; returns how many. */
    public Mono<Long> prune() {
        Instant cutoff = Instant.now().minus(properties.retention());
        return ChunkedDelete.untilExhausted(() -> pruneChunk(cutoff), PRUNE_CHUNK);
    }

    private Mono<Long> pruneChunk(Instant cutoff) {
        return db.sql("""
                        delete from outbox where id in (
                            select id from outbox where published_at < :cutoff order by id limit :chunk)""")
                .bind("cutoff", cutoff)
                .bind("chunk", PRUNE_CHUNK)
                .fetch()
                .rowsUpdated();
    }

    private Flux<Row> lockBatch() {
        // The CTE locks the oldest free rows. A row is left out if its key has an older unpublished row
        // the batch could not take: such a row sorts below the batch's newest, so it is found by one
        // range scan over the unpublished rows (held_elsewhere), never by a probe per batch row - which,
        // planned on stale statistics, walked the whole backlog once per row (72 ms a round under load).
        return db.sql("""
                        with batch as (
                            select id, topic, key from outbox
                            where published_at is null
                            order by id
                            limit :limit
                            for update skip locked),
                        held_elsewhere as (
                            select topic, key, min(id) as first_id from outbox
                            where published_at is null
                              and id < (select max(id) from batch)
                              and id not in (select id from batch)
                            group by topic, key)
                        select o.id, o.event_id::text as event_id, o.topic, o.key, o.event::text as event
                        from outbox o join batch b on b.id = o.id
                        where not exists (
                            select 1 from held_elsewhere h
                            where h.topic = b.topic and h.key = b.key and h.first_id < b.id)
                        order by o.id""")
                .bind("limit", properties.batchSize())
                .map(row -> new Row(
                        row.get("id", Long.class),
                        row.get("event_id", String.class),
                        row.get("topic", String.class),
                        row.get("key", String.class),
                        row.get("event", String.class)))
                .all();
    }

    /** Sends every row (in id order, pipelined) and waits for each ack or failure. */
    private Mono<List<Attempt>> send(List<Row> rows) {
        // KafkaTemplate.send can block while it waits for topic metadata, so it runs off the event loop.
        return Mono.fromCallable(() -> {
                    List<CompletableFuture<?>> futures = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        CompletableFuture<?> future = publisher.send(
                                row.topic(), row.key(), row.event().getBytes(StandardCharsets.UTF_8));
                        futures.add(future);
                        if (future.isCompletedExceptionally()) {
                            // The producer cannot reach the cluster; sending the rest would only wait again.
                            break;
                        }
                    }
                    return futures;
                })
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(futures -> Flux.range(0, rows.size())
                        .concatMap(i -> i < futures.size()
                                ? attempt(rows.get(i), futures.get(i))
                                : Mono.just(new Attempt(Outcome.NOT_SENT, null)))
                        .collectList());
    }

    private Mono<Attempt> attempt(Row row, CompletableFuture<?> future) {
        return Mono.fromFuture(future, true)
                .timeout(sendTimeout)
                .thenReturn(new Attempt(Outcome.ACKED, null))
                .onErrorResume(e -> {
                    log.debug("Send of outbox event {} to {} failed: {}", row.eventId(), row.topic(), e.toString());
                    return Mono.just(new Attempt(Outcome.FAILED, e));
                });
    }

    private Mono<RoundResult> record(List<Row> rows, List<Attempt> attempts) {
        RelayBatch.Decision decision = RelayBatch.decide(
                rows.stream().map(r -> new RelayBatch.Row(r.id(), r.topic(), r.key())).toList(),
                attempts.stream().map(Attempt::outcome).toList());
        String error = attempts.stream().map(Attempt::error).filter(e -> e != null).findFirst()
                .map(OutboxRelay::describe).orElse(null);
        Mono<Long> markPublished = decision.published().isEmpty() ? Mono.just(0L) : db.sql("""
                        update outbox set published_at = now(), attempts = attempts + 1, last_error = null
                        where id = any(:ids)""")
                .bind("ids", decision.published().toArray(Long[]::new))
                .fetch()
                .rowsUpdated();
        Mono<Long> markFailed = decision.failed().isEmpty() ? Mono.just(0L) : db.sql("""
                        update outbox set attempts = attempts + 1, last_error = :error where id = any(:ids)""")
                .bind("ids", decision.failed().toArray(Long[]::new))
                .bind("error", String.valueOf(error))
                .fetch()
                .rowsUpdated();
        return markPublished.then(markFailed)
                .thenReturn(new RoundResult(rows.size(), decision.published().size(), decision.failed().size(), error));
    }

    private static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root == error ? error.toString() : error + " caused by " + root;
        return message.length() <= 2000 ? message : message.substring(0, 2000);
    }

    // --- background loop ---------------------------------------------------------------------

    @Override
    public void start() {
        if (relayLoop.isDisposed()) {
            relayLoop = Disposables.swap();
        }
        if (housekeeping.isDisposed()) {
            housekeeping = Disposables.composite();
        }
        running = true;
        scheduleRound(Duration.ZERO);
        housekeeping.add(Flux.interval(Duration.ZERO, properties.backlogRefresh())
                .onBackpressureDrop()
                .concatMap(tick -> refreshBacklog().onErrorResume(e -> {
                    log.debug("Outbox backlog refresh failed: {}", e.toString());
                    return Mono.empty();
                }))
                .subscribe());
        housekeeping.add(Flux.interval(properties.pruneInterval(), properties.pruneInterval())
                .onBackpressureDrop()
                .concatMap(tick -> prune()
                        .doOnNext(n -> {
                            if (n > 0) {
                                log.info("Pruned {} published outbox rows older than {}", n, properties.retention());
                            }
                        })
                        .onErrorResume(e -> {
                            log.warn("Outbox pruning failed, will retry: {}", e.toString());
                            return Mono.empty();
                        }))
                .subscribe());
    }

    private void scheduleRound(Duration delay) {
        if (!running) {
            return;
        }
        relayLoop.replace(Mono.delay(delay)
                // A hung database must not stall the loop for good: give up on the round, roll back, retry.
                .then(Mono.defer(this::relayOnce).timeout(sendTimeout.plusSeconds(30)))
                .subscribe(this::afterRound, this::afterFailedRound));
    }

    private void afterRound(RoundResult result) {
        if (result.failed() > 0 || (result.selected() > 0 && result.published() == 0)) {
            log.warn("Outbox relay: {} of {} events not acknowledged by Kafka ({}); retrying in {}",
                    result.selected() - result.published(), result.selected(), result.error(), backoff);
            scheduleRound(nextBackoff());
            return;
        }
        backoff = properties.backoffInitial();
        boolean moreWaiting = result.selected() >= properties.batchSize();
        scheduleRound(moreWaiting ? Duration.ZERO : properties.pollInterval());
    }

    private void afterFailedRound(Throwable error) {
        log.warn("Outbox relay round failed ({}); retrying in {}", error.toString(), backoff);
        scheduleRound(nextBackoff());
    }

    private Duration nextBackoff() {
        Duration current = backoff;
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(properties.backoffMax()) > 0 ? properties.backoffMax() : doubled;
        return current;
    }

    @Override
    public void stop() {
        running = false;
        relayLoop.dispose();
        housekeeping.dispose();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
