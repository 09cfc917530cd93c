package io.plinth.sandbox.stripe;

import java.util.Map;

/** Where the account's events go once recorded: the signed webhook delivery to the configured endpoint. */
interface StripeEventSink {

    void deliver(Map<String, Object> event);
}
