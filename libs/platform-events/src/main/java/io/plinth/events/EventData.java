package io.plinth.events;

/**
 * The {@code data} of a Plinth event: one record per event type. Each record declares its
 * CloudEvents type as a {@code TYPE} constant (usable in annotations); the topic comes from the
 * {@link EventTypes} catalog, which is the only place type, topic and class are tied together.
 *
 * <p>Shapes change only by adding optional (nullable) components; consumers ignore fields they do
 * not know, so old consumers keep reading newer events.
 */
public interface EventData {

    /** The CloudEvents {@code type}, e.g. {@code user.registered}. */
    default String type() {
        return EventTypes.of(getClass()).type();
    }

    /** The topic this event is published on. */
    default String topic() {
        return EventTypes.of(getClass()).topic();
    }
}
