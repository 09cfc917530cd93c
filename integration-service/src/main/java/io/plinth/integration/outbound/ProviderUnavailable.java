package io.plinth.integration.outbound;

/**
 * A provider did not answer in time, answered 5xx or something that is not its API's shape, or its circuit is open.
 * Nothing was done on our side; the caller may retry later.
 */
public final class ProviderUnavailable extends RuntimeException {

    private final String provider;

    public ProviderUnavailable(String provider, String reason, Throwable cause) {
        super(provider + " is unavailable: " + reason, cause, false, false);
        this.provider = provider;
    }

    public String provider() {
        return provider;
    }
}
