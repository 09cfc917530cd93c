/** Periodic cleanups of the platform's own tables (expired idempotency keys, old inbox rows). */
package io.plinth.platform.housekeeping;
