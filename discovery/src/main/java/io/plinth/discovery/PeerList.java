package io.plinth.discovery;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses {@code EUREKA_PEERS}: comma-separated Eureka URLs, one per replica. The same list is
 * given to every replica (e.g. a StatefulSet's stable names), so each replica drops its own entry:
 * Eureka would otherwise replicate to itself, because it compares the URL's host with its bare
 * hostname ({@code discovery-0} vs {@code discovery-0.discovery}).
 */
public final class PeerList {

    private PeerList() {
    }

    /**
     * @param peers       the raw list, may be null or blank
     * @param ownHostname this replica's {@code eureka.instance.hostname}, or null if unknown
     * @return the other replicas' URLs, each ending in {@code /}, in the given order
     */
    public static List<String> otherPeers(String peers, String ownHostname) {
        if (peers == null || peers.isBlank()) {
            return List.of();
        }
        Set<String> result = new LinkedHashSet<>();
        for (String raw : peers.split(",")) {
            String url = raw.trim();
            if (url.isEmpty()) {
                continue;
            }
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("EUREKA_PEERS entry is not an absolute URL: " + url);
            }
            if (!isSelf(uri.getHost(), ownHostname)) {
                result.add(url.endsWith("/") ? url : url + "/");
            }
        }
        return new ArrayList<>(result);
    }

    private static boolean isSelf(String host, String ownHostname) {
        if (ownHostname == null || ownHostname.isBlank()) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        String own = ownHostname.toLowerCase(Locale.ROOT);
        return h.equals(own) || h.startsWith(own + ".");
    }
}
