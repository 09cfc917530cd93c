package io.plinth.payment.providers;

/** The provider refused the request (4xx): retrying the same request cannot help. */
public class ProviderRejectedException extends RuntimeException {

    private final String provider;
    private final String providerCode;

    public ProviderRejectedException(String provider, String providerCode, String message, Throwable cause) {
        super(message, cause);
        this.provider = provider;
        this.providerCode = providerCode;
    }

    public String provider() {
        return provider;
    }

    public String providerCode() {
        return providerCode;
    }
}
