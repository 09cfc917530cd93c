package io.plinth.payment.providers;

/**
 * The provider could not answer (connection failed, it timed out, or it answered 5xx/429). Worth a
 * retry when the call is idempotent, and counted by the circuit breaker; the client gets a 503.
 */
public class ProviderUnavailableException extends RuntimeException {

    private final String provider;

    public ProviderUnavailableException(String provider, String message, Throwable cause) {
        super(message, cause);
        this.provider = provider;
    }

    public String provider() {
        return provider;
    }
}
