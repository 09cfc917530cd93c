package io.plinth.auth.token;

import java.net.InetSocketAddress;

import io.plinth.web.ClientAddressHeader;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The caller's address for login throttling. The gateway decides it once (the TCP peer, or the
 * forwarded chain only from proxies it trusts) and passes it in {@link ClientAddressHeader#NAME},
 * dropping any copy a client sent; {@code X-Forwarded-For} is never read here, since a client can write anything into it.
 * Without the header (a call that did not come through the gateway) the socket address is used.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(ServerHttpRequest request, boolean trustGatewayHeader) {
        if (trustGatewayHeader) {
            String decided = request.getHeaders().getFirst(ClientAddressHeader.NAME);
            if (decided != null && !decided.isBlank()) {
                return decided.trim();
            }
        }
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
