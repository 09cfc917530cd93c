package io.plinth.video.export;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SSRF guard for client-supplied callback URLs. A callback must be {@code https}, carry no
 * credentials, name its host as a DNS name or a canonical IP literal, and every address the name
 * resolves to must be public: never loopback, private (RFC 1918, IPv6 unique-local), link-local
 * (which includes the cloud metadata address 169.254.169.254), carrier-grade NAT, unspecified,
 * multicast or an IPv4 address dressed as IPv6. Numeric hosts in decimal, octal or hex forms
 * ({@code 2130706433}, {@code 0177.0.0.1}, {@code 0x7f.1}) are refused outright: resolvers disagree
 * about them, which is exactly what an attacker uses.
 *
 * <p>Checking the name when the URL is accepted is not enough (DNS rebinding: the name can point
 * elsewhere by delivery time), so {@link #permitted(InetAddress)} is also the rule the delivery's
 * resolver applies to the addresses it actually connects to.
 */
public final class CallbackUrls {

    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\\.?");
    private static final Pattern CANONICAL_IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
    /** A final label that is a decimal, octal or hex number: no real top-level domain looks like that. */
    private static final Pattern NUMERIC_LAST_LABEL = Pattern.compile("[0-9]+|0x[0-9a-f]*");
    private static final int MAX_LENGTH = 2048;

    /** Resolves names; tests and the delivery path give their own. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Resolver resolver;

    public CallbackUrls(Resolver resolver) {
        this.resolver = resolver;
    }

    public static CallbackUrls usingSystemDns() {
        return new CallbackUrls(InetAddress::getAllByName);
    }

    /**
     * Why {@code url} may not be called back, or empty when it may. Blocking (DNS): call it off the
     * event loop.
     */
    public Optional<String> refusal(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_LENGTH) {
            return Optional.of("must be an https URL of at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            return Optional.of("must use https");
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            return Optional.of("must not contain credentials");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return Optional.of("must name a host");
        }
        host = host.toLowerCase(Locale.ROOT);
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a fragment");
        }
        List<InetAddress> addresses;
        try {
            if (host.startsWith("[") && host.endsWith("]")) {
                addresses = List.of(InetAddress.getByName(host.substring(1, host.length() - 1)));
            } else if (NUMERIC_LAST_LABEL.matcher(lastLabel(host)).matches()) {
                // Resolvers read a name ending in a number as an IPv4 address in any of its old forms.
                if (!CANONICAL_IPV4.matcher(host).matches()) {
                    return Optional.of("must not use a numeric host in a non-standard form");
                }
                addresses = List.of(InetAddress.getByName(host));
            } else if (DNS_NAME.matcher(host).matches()) {
                addresses = List.of(resolver.resolve(host));
            } else {
                return Optional.of("has an invalid host name");
            }
        } catch (UnknownHostException e) {
            return Optional.of("has a host that does not resolve");
        }
        if (addresses.isEmpty()) {
            return Optional.of("has a host that does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!permitted(address)) {
                return Optional.of("resolves to a private, loopback or link-local address");
            }
        }
        return Optional.empty();
    }

    private static String lastLabel(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** Whether a callback may connect to {@code address}. */
    public static boolean permitted(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0                                   // "this network"
                    && !(first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    && !(first == 198 && (second == 18 || second == 19)) // benchmarking
                    && first < 224;                              // multicast, reserved, broadcast
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {                        // fc00::/7 unique local
                return false;
            }
            if (isIpv4Embedded(b)) {                             // ::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::/96
                try {
                    return permitted(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            return !(first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8); // 2001:db8::/32
        }
        return false;
    }

    private static boolean isIpv4Embedded(byte[] b) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= b[i] == 0;
        }
        boolean mapped = zeroPrefix && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0;
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        return mapped || compatible || nat64;
    }
}
