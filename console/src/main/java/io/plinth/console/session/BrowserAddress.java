package io.plinth.console.session;

import java.util.regex.Pattern;

import org.springframework.web.server.ServerWebExchange;

/**
 * The operator's address, as the gateway decided it for the request that reached the console: the gateway sends
 * it in {@code X-Plinth-Client-Address} (io.plinth.web.ClientAddressHeader), replacing any copy a client sent.
 * Only an IP literal is taken, so nothing else (a list, a header injection) travels on from here.
 */
final class BrowserAddress {

    static final String HEADER = "X-Plinth-Client-Address";

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f.:]{2,45}");

    private BrowserAddress() {
    }

    /** The address, or null when the request did not come through the gateway or says something odd. */
    static String of(ServerWebExchange exchange) {
        String address = exchange.getRequest().getHeaders().getFirst(HEADER);
        return address != null && IP_LITERAL.matcher(address.trim()).matches() ? address.trim() : null;
    }
}
