package io.plinth.client;

import java.util.List;

/**
 * One page of the ledger.
 *
 * @param items      up to the requested number of lines, newest first
 * @param nextCursor pass it for the next page; null on the last page
 */
public record TransactionPage(List<Transaction> items, String nextCursor) {

    /** Never null lists. */
    public TransactionPage {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
