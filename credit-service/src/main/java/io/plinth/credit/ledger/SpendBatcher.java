package io.plinth.credit.ledger;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.plinth.credit.ledger.LedgerStore.Spend;
import io.plinth.credit.ledger.LedgerStore.SpendResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Group commit for plain spends. A spend joins a queue; whenever fewer than {@code inFlight}
 * batches are running, the spends waiting at that moment go to PostgreSQL as one
 * {@link LedgerStore#spendBatch} call: one round trip, one transaction, one commit. Nothing waits
 * on a timer: alone, a spend is a batch of one; under load, the spends that arrive while batches
 * are running form the next batch. That is how one hot wallet gets past the single-row ceiling:
 * its row lock and the commit are paid once per batch instead of once per spend.
 *
 * <p>A batch is all or nothing. A deadlock or serialization failure re-runs it (it cannot leave
 * anything behind); any other failure hands each spend back as {@link Result#Unbatched} so the
 * caller posts it on its own, and one bad spend never fails its neighbours.
 */
@Component
final class SpendBatcher {

    private static final Logger log = LoggerFactory.getLogger(SpendBatcher.class);

    /** What became of one spend. */
    sealed interface Result {
        record Done(SpendResult result) implements Result {
        }

        /** The batch failed as a whole; post this spend on its own. */
        record Unbatched() implements Result {
        }
    }

    private record Waiting(Spend spend, MonoSink<Result> sink) {
    }

    private final LedgerStore store;
    private final int maxSize;
    private final int maxInFlight;
    private final DistributionSummary batchSizes;
    private final Queue<Waiting> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    @Autowired
    SpendBatcher(LedgerStore store, CreditProperties properties, MeterRegistry meters) {
        this(store, properties.spendBatchSize(), properties.spendBatchesInFlight(), meters);
    }

    SpendBatcher(LedgerStore store, int maxSize, int maxInFlight, MeterRegistry meters) {
        if (maxSize < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("batch size and batches in flight must be at least 1");
        }
        this.store = store;
        this.maxSize = maxSize;
        this.maxInFlight = maxInFlight;
        this.batchSizes = DistributionSummary.builder("plinth.credits.spend.batch.size")
                .description("Spends posted per database call (group commit)")
                .register(meters);
    }

    Mono<Result> submit(Spend spend) {
        return Mono.create(sink -> {
            queue.add(new Waiting(spend, sink));
            drain();
        });
    }

    /**
     * Starts batches while there is room and something waits. Every batch that ends calls this
     * again, so a spend queued while all slots were busy is picked up by the next one to finish.
     */
    private void drain() {
        while (!queue.isEmpty()) {
            int running = inFlight.get();
            if (running >= maxInFlight) {
                return;
            }
            if (!inFlight.compareAndSet(running, running + 1)) {
                continue;
            }
            List<Waiting> batch = take();
            if (batch.isEmpty()) {
                inFlight.decrementAndGet();
                continue;
            }
            run(batch);
        }
    }

    private List<Waiting> take() {
        List<Waiting> batch = new ArrayList<>(Math.min(maxSize, 16));
        Waiting next;
        while (batch.size() < maxSize && (next = queue.poll()) != null) {
            batch.add(next);
        }
        return batch;
    }

    private void run(List<Waiting> batch) {
        batchSizes.record(batch.size());
        List<Spend> spends = batch.stream().map(Waiting::spend).toList();
        // Deferred: even a failure while building the call must end in the error branch below,
        // or its slot would never be given back.
        Flux.defer(() -> store.spendBatch(spends))
                .retryWhen(LedgerService.transientRetry())
                .collectList()
                .subscribe(
                        results -> settle(batch, results),
                        error -> {
                            log.warn("A batch of {} spends failed ({}); posting them one by one", batch.size(),
                                    error.toString());
                            batch.forEach(w -> w.sink().success(new Result.Unbatched()));
                            finished();
                        });
    }

    private void settle(List<Waiting> batch, List<SpendResult> results) {
        Result[] byItem = new Result[batch.size()];
        for (SpendResult result : results) {
            byItem[result.item()] = new Result.Done(result);
        }
        for (int i = 0; i < batch.size(); i++) {
            // Every spend gets an answer; a missing row would be a bug in spend_batch, not a refusal.
            batch.get(i).sink().success(byItem[i] != null ? byItem[i] : new Result.Unbatched());
        }
        finished();
    }

    private void finished() {
        inFlight.decrementAndGet();
        drain();
    }
}
