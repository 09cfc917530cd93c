package io.plinth.client;

/**
 * Credits an admin granted.
 *
 * @param transactionId the ledger transaction
 * @param userId        who received them
 * @param credits       how many
 * @param balance       the user's balance after the grant
 */
public record Grant(String transactionId, String userId, long credits, long balance) {
}
