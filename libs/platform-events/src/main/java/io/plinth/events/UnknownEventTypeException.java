package io.plinth.events;

/** An event type (or data class) that is not in {@link EventTypes}. */
public class UnknownEventTypeException extends RuntimeException {

    private final String type;

    public UnknownEventTypeException(String type) {
        super("Unknown event type: " + type);
        this.type = type;
    }

    public String type() {
        return type;
    }
}
