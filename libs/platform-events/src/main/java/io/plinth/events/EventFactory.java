package io.plinth.events;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * Builds envelopes for one producing service: new UUID id, the current time, the service's
 * {@code source}, and the type looked up from the data record.
 */
public final class EventFactory {

    private final String source;
    private final Clock clock;
    private final EventJson json;

    /** @param source the producing service, e.g. {@code plinth/payment-service} */
    public EventFactory(String source) {
        this(source, Clock.systemUTC(), EventJson.instance());
    }

    public EventFactory(String source, Clock clock, EventJson json) {
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.json = Objects.requireNonNull(json, "json");
    }

    public String source() {
        return source;
    }

    /**
     * @param subject the aggregate id (becomes the Kafka key, so keep it stable per aggregate)
     * @param tenantId the aggregate's tenant (may be null)
     * @param data the event's data record; must be in {@link EventTypes}
     */
    public EventEnvelope create(String subject, String tenantId, EventData data) {
        Objects.requireNonNull(data, "data");
        return new EventEnvelope(
                EventEnvelope.SPEC_VERSION,
                UUID.randomUUID().toString(),
                source,
                EventTypes.of(data.getClass()).type(),
                // Microseconds: what PostgreSQL keeps, so a time read back from a table compares equal.
                Instant.now(clock).truncatedTo(ChronoUnit.MICROS),
                subject,
                tenantId,
                EventEnvelope.JSON,
                json.toData(data));
    }
}
