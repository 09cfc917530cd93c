package io.plinth.credit.ledger;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code plinth.credits.*}.
 *
 * @param lowBalanceThreshold credits.low fires when a spend takes the balance below this
 * @param holdTtl how long a hold lives unless the request asks otherwise
 * @param maxHoldTtl the longest a client may ask for
 * @param sweepInterval how often each replica looks for expired holds
 * @param invariantCheckInterval how often balances are recomputed from the transfers
 * @param spendBatchSize the most plain spends posted in one database call (group commit, see SpendBatcher)
 * @param spendBatchesInFlight how many such calls may run at once per replica (default 1: one call at a
 *        time gathers the most spends into each, see the README's "group commit")
 */
@Validated
@ConfigurationProperties("plinth.credits")
public record CreditProperties(
        @Min(0) long lowBalanceThreshold,
        @NotNull Duration holdTtl,
        @NotNull Duration maxHoldTtl,
        @NotNull Duration sweepInterval,
        @NotNull Duration invariantCheckInterval,
        @Min(1) int spendBatchSize,
        @Min(1) int spendBatchesInFlight) {

    public CreditProperties {
        holdTtl = holdTtl == null ? Duration.ofMinutes(15) : holdTtl;
        maxHoldTtl = maxHoldTtl == null ? Duration.ofHours(24) : maxHoldTtl;
        sweepInterval = sweepInterval == null ? Duration.ofSeconds(30) : sweepInterval;
        invariantCheckInterval = invariantCheckInterval == null ? Duration.ofMinutes(10) : invariantCheckInterval;
        spendBatchSize = spendBatchSize == 0 ? 64 : spendBatchSize;
        spendBatchesInFlight = spendBatchesInFlight == 0 ? 1 : spendBatchesInFlight;
    }
}
