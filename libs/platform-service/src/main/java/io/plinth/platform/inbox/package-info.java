/**
 * Consumer-side deduplication: {@link io.plinth.platform.inbox.Inbox#once} records (consumer, event id)
 * in the same transaction as the handler's writes, so a redelivered event is never applied twice.
 * Table {@code inbox} comes from {@code db/platform/V0_1__outbox_inbox.sql}.
 */
package io.plinth.platform.inbox;
