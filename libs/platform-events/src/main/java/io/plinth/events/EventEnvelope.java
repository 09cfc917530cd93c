package io.plinth.events;

import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A Plinth event in CloudEvents 1.0 structured mode: the Kafka record value is this envelope as
 * JSON and the Kafka key is {@link #subject()} (the aggregate id), so one aggregate's events stay
 * ordered. {@code data} stays a JSON tree here; read it typed with {@link #dataAs(Class)} or
 * {@link #typedData()}.
 *
 * <p>Build envelopes with {@link EventFactory} (or {@link #of}) rather than this constructor: it
 * fills in the id, time and type.
 *
 * @param specversion CloudEvents version, always {@value #SPEC_VERSION}
 * @param id unique event id (UUID string); consumers deduplicate on it
 * @param source producing service, e.g. {@code plinth/auth-service}
 * @param type event type, e.g. {@code user.registered} (see {@link EventTypes})
 * @param time when the event happened
 * @param subject aggregate id; also the Kafka key
 * @param tenantId tenant the aggregate belongs to (may be null for platform-level events)
 * @param datacontenttype always {@value #JSON}
 * @param data the event's data record as a JSON object
 */
public record EventEnvelope(
        String specversion,
        String id,
        String source,
        String type,
        Instant time,
        String subject,
        String tenantId,
        String datacontenttype,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    public EventEnvelope {
        specversion = specversion == null ? SPEC_VERSION : specversion;
        datacontenttype = datacontenttype == null ? JSON : datacontenttype;
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(data, "data");
    }

    /** A new envelope (fresh id, current time) for {@code data}; see {@link EventFactory}. */
    public static EventEnvelope of(String source, String subject, String tenantId, EventData data) {
        return new EventFactory(source).create(subject, tenantId, data);
    }

    /** The data read as {@code dataClass}; fails if this envelope's type is not that class's type. */
    public <T extends EventData> T dataAs(Class<T> dataClass) {
        return EventJson.instance().readData(this, dataClass);
    }

    /** The data read as the record the catalog maps this type to. */
    public EventData typedData() {
        return EventJson.instance().readData(this);
    }

    /** The topic this event belongs on, from the catalog. */
    public String topic() {
        return EventTypes.of(type).topic();
    }
}
