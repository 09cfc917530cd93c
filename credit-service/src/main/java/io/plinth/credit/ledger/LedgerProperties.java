package io.plinth.credit.ledger;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The ledger's part of {@code plinth.credits.*} (holds and the audit have their own records).
 *
 * @param lowBalanceThreshold credits.low fires when a spend takes the balance below this
 * @param spendBatchSize the most plain spends posted in one database call (group commit, see SpendBatcher)
 * @param spendBatchesInFlight how many such calls may run at once per replica (default 1: one call at a
 *        time gathers the most spends into each, see the README's "group commit")
 */
@Validated
@ConfigurationProperties("plinth.credits")
public record LedgerProperties(
        @Min(0) long lowBalanceThreshold,
        @Min(1) int spendBatchSize,
        @Min(1) int spendBatchesInFlight) {

    public LedgerProperties {
        spendBatchSize = spendBatchSize == 0 ? 64 : spendBatchSize;
        spendBatchesInFlight = spendBatchesInFlight == 0 ? 1 : spendBatchesInFlight;
    }
}
