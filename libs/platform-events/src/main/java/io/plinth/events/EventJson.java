package io.plinth.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON serde for envelopes and their data (Jackson 3). Instants are ISO-8601 strings, null fields
 * are left out, and unknown fields are ignored so events can grow without breaking old consumers.
 * Thread-safe; {@link #instance()} is the shared default.
 */
public final class EventJson {

    private static final EventJson INSTANCE = new EventJson(defaultMapper());

    private final JsonMapper mapper;

    public EventJson(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public static EventJson instance() {
        return INSTANCE;
    }

    /** The mapper settings every Plinth event is written and read with. */
    public static JsonMapper defaultMapper() {
        return JsonMapper.builder()
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
                .build();
    }

    public JsonMapper mapper() {
        return mapper;
    }

    public byte[] toBytes(EventEnvelope envelope) {
        try {
            return mapper.writeValueAsBytes(envelope);
        } catch (JacksonException e) {
            throw new EventSerializationException("Cannot write event " + envelope.id() + " (" + envelope.type() + ")", e);
        }
    }

    public String toJson(EventEnvelope envelope) {
        try {
            return mapper.writeValueAsString(envelope);
        } catch (JacksonException e) {
            throw new EventSerializationException("Cannot write event " + envelope.id() + " (" + envelope.type() + ")", e);
        }
    }

    public EventEnvelope fromBytes(byte[] json) {
        try {
            return mapper.readValue(json, EventEnvelope.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new EventSerializationException("Cannot read event envelope: " + e.getMessage(), e);
        }
    }

    public EventEnvelope fromJson(String json) {
        try {
            return mapper.readValue(json, EventEnvelope.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new EventSerializationException("Cannot read event envelope: " + e.getMessage(), e);
        }
    }

    /** {@code data} as the JSON object that goes into an envelope. */
    public JsonNode toData(EventData data) {
        try {
            // Through bytes rather than valueToTree so numbers get the node types a reader produces:
            // an envelope built here equals the same envelope read back from Kafka.
            return mapper.readTree(mapper.writeValueAsBytes(data));
        } catch (JacksonException e) {
            throw new EventSerializationException("Cannot write event data " + data.getClass().getName(), e);
        }
    }

    /** The envelope's data as {@code dataClass}; refuses an envelope of another type. */
    public <T extends EventData> T readData(EventEnvelope envelope, Class<T> dataClass) {
        EventType<T> expected = EventTypes.of(dataClass);
        if (!expected.type().equals(envelope.type())) {
            throw new IllegalArgumentException(
                    "Event " + envelope.id() + " is " + envelope.type() + ", not " + expected.type());
        }
        return convert(envelope, dataClass);
    }

    /** The envelope's data as the record the catalog maps its type to. */
    public EventData readData(EventEnvelope envelope) {
        return convert(envelope, EventTypes.of(envelope.type()).dataClass());
    }

    private <T extends EventData> T convert(EventEnvelope envelope, Class<T> dataClass) {
        try {
            return mapper.treeToValue(envelope.data(), dataClass);
        } catch (JacksonException e) {
            throw new EventSerializationException(
                    "Cannot read data of event " + envelope.id() + " (" + envelope.type() + ")", e);
        }
    }
}
