package io.plinth.integration.outbound;

/** A provider answered 4xx: it refused the call, and says why ({@code reason}, the provider's own words). */
public final class ProviderRefused extends RuntimeException {

    private final String provider;
    private final int status;
    private final String reason;

    public ProviderRefused(String provider, int status, String reason) {
        super(provider + " refused the call (" + status + "): " + reason, null, false, false);
        this.provider = provider;
        this.status = status;
        this.reason = reason;
    }

    public String provider() {
        return provider;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }
}
