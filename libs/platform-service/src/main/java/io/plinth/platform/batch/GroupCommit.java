package io.plinth.platform.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Group commit: many callers' statements sent to the database as one call. Each caller submits one
 * item; whenever fewer than {@code maxInFlight} calls are running, everything waiting at that moment
 * (at most {@code maxSize}) goes out together: one round trip, one statement or transaction, one commit.
 * Nothing waits on a timer: alone, an item is a call of one, so an idle service answers as fast as
 * before; under load, the items that arrive while calls run form the next call.
 *
 * <p>The call answers with one result per item, in item order. An item it answers with {@code null},
 * and every item of a call that failed, completes <em>empty</em>: the caller then does the work on
 * its own (its single-item path), so one bad item never fails its neighbours and a failed call never
 * loses an item. A call must therefore be all or nothing (one statement, or one transaction).
 *
 * @param <T> what a caller submits
 * @param <R> the call's answer for one item
 */
public final class GroupCommit<T, R> {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private record Waiting<T, R>(T item, MonoSink<R> sink) {
    }

    private final String name;
    private final Function<List<T>, Mono<List<R>>> call;
    private final int maxSize;
    private final int maxInFlight;
    private final IntConsumer sizes;
    private final Queue<Waiting<T, R>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * @param name        for log lines ("spends", "idempotency claims")
     * @param call        sends the items as one call; answers one result (or null) per item, in order
     * @param maxSize     the most items in one call
     * @param maxInFlight how many calls may run at once (each holds a database connection)
     * @param sizes       told the size of every call (a metric)
     */
    public GroupCommit(String name, Function<List<T>, Mono<List<R>>> call, int maxSize, int maxInFlight,
                       IntConsumer sizes) {
        if (maxSize < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException(name + ": batch size and batches in flight must be at least 1");
        }
        this.name = name;
        this.call = call;
        this.maxSize = maxSize;
        this.maxInFlight = maxInFlight;
        this.sizes = sizes;
    }

    /** The call's answer for this item, or empty when the caller must do it on its own. */
    public Mono<R> submit(T item) {
        return Mono.create(sink -> {
            queue.add(new Waiting<>(item, sink));
            drain();
        });
    }

    /**
     * Starts calls while there is room and something waits. Every call that ends runs this again,
     * so an item queued while all slots were busy is picked up by the next one to finish.
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
            List<Waiting<T, R>> batch = take();
            if (batch.isEmpty()) {
                inFlight.decrementAndGet();
                continue;
            }
            run(batch);
        }
    }

    private List<Waiting<T, R>> take() {
        List<Waiting<T, R>> batch = new ArrayList<>(Math.min(maxSize, 16));
        Waiting<T, R> next;
        while (batch.size() < maxSize && (next = queue.poll()) != null) {
            batch.add(next);
        }
        return batch;
    }

    private void run(List<Waiting<T, R>> batch) {
        sizes.accept(batch.size());
        List<T> items = new ArrayList<>(batch.size());
        batch.forEach(w -> items.add(w.item()));
        // Deferred: even a failure while building the call must end in the error branch below,
        // or its slot would never be given back.
        Mono.defer(() -> call.apply(items))
                // No answer at all leaves every item to its own path; the slot is given back either way.
                .defaultIfEmpty(List.of())
                .subscribe(
                        results -> settle(batch, results),
                        error -> {
                            log.warn("A batch of {} {} failed ({}); each is done on its own", batch.size(), name,
                                    error.toString());
                            batch.forEach(w -> w.sink().success());
                            finished();
                        });
    }

    private void settle(List<Waiting<T, R>> batch, List<R> results) {
        for (int i = 0; i < batch.size(); i++) {
            R result = i < results.size() ? results.get(i) : null;
            if (result != null) {
                batch.get(i).sink().success(result);
            } else {
                batch.get(i).sink().success();
            }
        }
        finished();
    }

    private void finished() {
        inFlight.decrementAndGet();
        drain();
    }
}
