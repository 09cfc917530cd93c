package io.plinth.client;

import java.time.Instant;
import java.util.Map;

/**
 * One line of the user's ledger, newest first in listings.
 *
 * @param id          the transaction id
 * @param type        e.g. {@code consume}, {@code starting_grant}, {@code admin_grant}, {@code hold_capture}
 * @param amount      signed: positive into the wallet, negative out of it
 * @param balance     the wallet's balance after it
 * @param service     the service that spent, or null
 * @param description what the caller wrote, or null
 * @param metadata    what the caller attached, or null
 * @param holdId      the hold it settled, or null
 * @param createdAt   when it was posted
 */
public record Transaction(String id, String type, long amount, long balance, String service, String description,
                          Map<String, Object> metadata, String holdId, Instant createdAt) {
}
