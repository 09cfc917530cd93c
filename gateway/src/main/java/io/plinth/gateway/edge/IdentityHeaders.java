package io.plinth.gateway.edge;

import java.util.List;
import java.util.Locale;

/**
 * Request headers that carry identity between the gateway and the services. Only the gateway may
 * set them (after validating a token), so whatever a client sends under these prefixes is dropped.
 */
public final class IdentityHeaders {

    /**
     * Lower-case prefixes of headers a client may never send through the gateway; {@code x-plinth-} covers
     * the gateway's own ({@code X-Plinth-Client-Address}).
     */
    public static final List<String> STRIPPED_PREFIXES = List.of("x-user-", "x-auth-", "x-plinth-");

    private IdentityHeaders() {
    }

    public static boolean isIdentityHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return STRIPPED_PREFIXES.stream().anyMatch(lower::startsWith);
    }
}
