package io.plinth.sandbox.delivery;

import java.time.Instant;

/**
 * One HTTP attempt to deliver an event.
 *
 * @param delivery which delivery of the event (1 = the original, 2… = resends)
 * @param attempt  attempt number within that delivery (retries count up)
 * @param at       when it was sent
 * @param status   the HTTP status the endpoint answered, 0 when it did not answer
 * @param error    why it failed (connection refused, timeout, the start of a non-2xx body), null on success
 * @param millis   how long the answer took
 */
public record DeliveryAttempt(int delivery, int attempt, Instant at, int status, String error, long millis) {

    public boolean succeeded() {
        return status >= 200 && status < 300;
    }
}
