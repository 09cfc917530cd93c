package io.plinth.devstack;

/**
 * A problem the person running the platform can act on. Its message is one line that names the
 * problem (and, for a failed component, is followed by the tail of its log); it is printed as is,
 * never as a stack trace.
 */
public class DevstackException extends RuntimeException {

    public DevstackException(String message) {
        super(message);
    }

    public DevstackException(String message, Throwable cause) {
        super(message, cause);
    }
}
