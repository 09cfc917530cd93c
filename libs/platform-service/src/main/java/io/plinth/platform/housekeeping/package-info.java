/** Cleanups of the platform's own tables: periodic runs (expired idempotency keys, old inbox rows) and chunked deletes (inbox, outbox). */
package io.plinth.platform.housekeeping;
