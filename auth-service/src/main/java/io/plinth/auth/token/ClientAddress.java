package io.plinth.auth.token;

import java.net.InetSocketAddress;
import java.util.List;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The caller's address for lockout. Behind the gateway every request comes from the gateway, so the
 * last {@code X-Forwarded-For} hop (the one the gateway appended, not the client-supplied ones before
 * it) is used when trusted.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(ServerHttpRequest request, boolean trustForwardedFor) {
        if (trustForwardedFor) {
            List<String> forwarded = request.getHeaders().getOrEmpty("X-Forwarded-For");
            if (!forwarded.isEmpty()) {
                String[] hops = String.join(",", forwarded).split(",");
                String last = hops[hops.length - 1].trim();
                if (!last.isEmpty()) {
                    return last;
                }
            }
        }
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
