package io.plinth.gateway.edge;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which address a request comes from, decided once at the edge. The TCP peer, unless the peer is a
 * trusted proxy (the ingress, a load balancer): then {@code X-Forwarded-For} is read from the right, hop
 * by hop, skipping trusted proxies, and the first address that is not one is the client. Everything to
 * its left was written by the client and is ignored, so nobody can choose their own address.
 * Trusted proxies come from {@code PLINTH_GATEWAY_TRUSTED_PROXIES} (CIDRs or addresses); none by default.
 */
public final class ClientAddresses {

    private record Cidr(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Cidr> trusted;

    private ClientAddresses(List<Cidr> trusted) {
        this.trusted = trusted;
    }

    /** Fails at start-up on anything that is not an IP address or CIDR (a typo must not trust everyone). */
    public static ClientAddresses trusting(List<String> proxies) {
        List<Cidr> parsed = new ArrayList<>();
        for (String entry : proxies == null ? List.<String>of() : proxies) {
            String spec = entry.trim();
            if (spec.isEmpty()) {
                continue;
            }
            String[] parts = spec.split("/", 2);
            byte[] network = literal(parts[0])
                    .orElseThrow(() -> new IllegalArgumentException("Not an IP address or CIDR in trusted proxies: " + spec));
            int prefix = network.length * 8;
            if (parts.length == 2) {
                try {
                    prefix = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Bad prefix length in trusted proxies: " + spec);
                }
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("Bad prefix length in trusted proxies: " + spec);
                }
            }
            parsed.add(new Cidr(network, prefix));
        }
        return new ClientAddresses(List.copyOf(parsed));
    }

    /**
     * @param peer          the TCP peer's address (null if unknown)
     * @param forwardedFor  every {@code X-Forwarded-For} header value, in order
     */
    public String decide(String peer, List<String> forwardedFor) {
        String current = peer == null ? "unknown" : peer;
        if (!isTrusted(current) || forwardedFor == null || forwardedFor.isEmpty()) {
            return current;
        }
        List<String> hops = Arrays.stream(String.join(",", forwardedFor).split(","))
                .map(String::trim).filter(h -> !h.isEmpty()).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (literal(hop).isEmpty()) {
                // Garbage where an address should be: the hop that wrote it cannot be trusted further.
                return current;
            }
            current = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return current;
    }

    private boolean isTrusted(String address) {
        return literal(address).map(bytes -> trusted.stream().anyMatch(c -> c.contains(bytes))).orElse(false);
    }

    /** Parses an IP literal only (never a name lookup); IPv4-mapped IPv6 counts as IPv4. */
    private static java.util.Optional<byte[]> literal(String text) {
        String s = text.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        boolean v4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = s.contains(":") && s.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(InetAddress.getByName(s).getAddress());
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }
}
