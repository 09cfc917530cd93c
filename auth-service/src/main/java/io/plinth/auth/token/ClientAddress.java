package io.plinth.auth.token;

import java.net.InetSocketAddress;

/**
 * The caller's address for login throttling. The gateway decides it once (the TCP peer, or the
 * forwarded chain only from proxies it trusts) and passes it in {@code io.plinth.web.ClientAddressHeader},
 * dropping any copy a client sent; {@code X-Forwarded-For} is never read here, since a client can write anything into it.
 * Without the header (a call that did not come through the gateway) the socket address is used. Controllers
 * hand in the header's value and the socket address, so the rule is plain Java.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    /**
     * @param decided the gateway's client-address header, null when absent
     * @param remote  the socket's peer, null when unknown
     */
    public static String of(String decided, InetSocketAddress remote, boolean trustGatewayHeader) {
        if (trustGatewayHeader && decided != null && !decided.isBlank()) {
            return decided.trim();
        }
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
