package io.plinth.auth.token;

import java.net.InetSocketAddress;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The caller's address for login throttling. The gateway decides it once (the TCP peer, or the
 * forwarded chain only from proxies it trusts) and passes it in {@value #HEADER}, dropping any copy a
 * client sent; {@code X-Forwarded-For} is never read here, since a client can write anything into it.
 * Without the header (a call that did not come through the gateway) the socket address is used.
 */
public final class ClientAddress {

    /** Set only by the gateway; the same name as the gateway's {@code ClientAddressFilter.HEADER}. */
    public static final String HEADER = "X-Plinth-Client-Address";

    private ClientAddress() {
    }

    public static String of(ServerHttpRequest request, boolean trustGatewayHeader) {
        if (trustGatewayHeader) {
            String decided = request.getHeaders().getFirst(HEADER);
            if (decided != null && !decided.isBlank()) {
                return decided.trim();
            }
        }
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
