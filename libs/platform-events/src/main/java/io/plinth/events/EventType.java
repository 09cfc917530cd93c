package io.plinth.events;

import java.util.Objects;

/** One catalog entry: CloudEvents type string, the topic it travels on, and its data record. */
public record EventType<T extends EventData>(String type, String topic, Class<T> dataClass) {

    public EventType {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(dataClass, "dataClass");
    }
}
