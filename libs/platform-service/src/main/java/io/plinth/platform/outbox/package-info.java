/**
 * Transactional outbox: {@link io.plinth.platform.outbox.Outbox#append} writes an event in the caller's
 * R2DBC transaction; {@link io.plinth.platform.outbox.OutboxRelay} publishes committed rows to Kafka
 * (idempotent producer, key = subject) and marks them only after the broker acknowledged them.
 * Table {@code outbox} comes from {@code db/platform/V0_1__outbox_inbox.sql}. Settings: {@code plinth.outbox.*}.
 */
package io.plinth.platform.outbox;
