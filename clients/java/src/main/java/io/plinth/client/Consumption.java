package io.plinth.client;

import com.fasterxml.jackson.annotation.JsonAlias;

/**
 * Credits spent.
 *
 * @param transactionId the ledger transaction (the same on a replayed retry)
 * @param balance       the wallet's balance right after this spend
 */
public record Consumption(String transactionId, @JsonAlias("newBalance") long balance) {
}
