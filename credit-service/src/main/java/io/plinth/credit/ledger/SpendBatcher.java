package io.plinth.credit.ledger;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.plinth.credit.ledger.LedgerStore.Spend;
import io.plinth.credit.ledger.LedgerStore.SpendResult;
import io.plinth.platform.batch.GroupCommit;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Group commit for plain spends ({@link GroupCommit} over {@link LedgerStore#spendBatch}): the spends
 * waiting while earlier batches run go to PostgreSQL as one call, one transaction, one commit. That
 * is how one hot wallet gets past the single-row ceiling: its row lock and the commit are paid once
 * per batch instead of once per spend.
 *
 * <p>A batch is all or nothing. A deadlock or serialization failure re-runs it (it cannot leave
 * anything behind); any other failure hands each spend back (an empty answer) so the caller posts
 * it on its own, and one bad spend never fails its neighbours.
 */
@Component
final class SpendBatcher {

    private final GroupCommit<Spend, SpendResult> batches;

    @Autowired
    SpendBatcher(LedgerStore store, LedgerProperties properties, MeterRegistry meters) {
        this(store, properties.spendBatchSize(), properties.spendBatchesInFlight(), meters);
    }

    SpendBatcher(LedgerStore store, int maxSize, int maxInFlight, MeterRegistry meters) {
        DistributionSummary sizes = DistributionSummary.builder("plinth.credits.spend.batch.size")
                .description("Spends posted per database call (group commit)")
                .register(meters);
        this.batches = new GroupCommit<>("spends",
                spends -> Flux.defer(() -> store.spendBatch(spends))
                        .retryWhen(SqlStates.transientRetry())
                        .collectList()
                        .map(results -> inItemOrder(results, spends.size())),
                maxSize, maxInFlight, sizes::record);
    }

    /** What {@code spend_batch} did with this spend, or empty when it must be posted on its own. */
    Mono<SpendResult> submit(Spend spend) {
        return batches.submit(spend);
    }

    /** A spend without a row is left for its own call: a bug in spend_batch, never a refusal. */
    private static List<SpendResult> inItemOrder(List<SpendResult> results, int items) {
        SpendResult[] byItem = new SpendResult[items];
        for (SpendResult result : results) {
            byItem[result.item()] = result;
        }
        return Arrays.asList(byItem);
    }
}
