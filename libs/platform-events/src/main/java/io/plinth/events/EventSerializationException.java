package io.plinth.events;

/** An envelope or its data could not be written or read as JSON. */
public class EventSerializationException extends RuntimeException {

    public EventSerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
