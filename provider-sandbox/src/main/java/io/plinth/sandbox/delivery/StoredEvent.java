package io.plinth.sandbox.delivery;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The live record of one event in the store; every mutation is synchronized, readers take snapshots. */
final class StoredEvent {

    private final String id;
    private final String provider;
    private final String type;
    private final long created;
    private final URI endpoint;
    private final byte[] body;
    private final List<DeliveryAttempt> attempts = new ArrayList<>();
    private int deliveries;
    private int delivered;
    private String status = "pending";

    StoredEvent(String id, String provider, String type, long created, URI endpoint, byte[] body) {
        this.id = id;
        this.provider = provider;
        this.type = type;
        this.created = created;
        this.endpoint = endpoint;
        this.body = body;
    }

    String id() {
        return id;
    }

    String provider() {
        return provider;
    }

    URI endpoint() {
        return endpoint;
    }

    byte[] body() {
        return body;
    }

    synchronized int startDelivery() {
        status = "pending";
        return ++deliveries;
    }

    synchronized void record(DeliveryAttempt attempt, boolean last) {
        attempts.add(attempt);
        if (attempt.succeeded()) {
            delivered++;
        }
        if (attempt.delivery() == deliveries) {
            // Only the newest delivery decides what the event's status says.
            if (attempt.succeeded()) {
                status = "delivered";
            } else if (last) {
                status = "failed";
            }
        }
    }

    synchronized SandboxEvent snapshot() {
        return new SandboxEvent(id, provider, type, created, endpoint.toString(),
                new String(body, StandardCharsets.UTF_8), status, deliveries, delivered, List.copyOf(attempts));
    }
}
