package io.plinth.discovery;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.springframework.core.env.PropertyResolver;

/**
 * The one user the registry accepts ({@code PLINTH_DISCOVERY_USERNAME} / {@code PLINTH_DISCOVERY_PASSWORD}):
 * every service, the gateway and the other replicas present it. No password means an open registry, as in
 * the devstack, where nothing else can reach it.
 */
record RegistryCredentials(String username, String password) {

    static final String USERNAME = "plinth.discovery.username";
    static final String PASSWORD = "plinth.discovery.password";

    static RegistryCredentials from(PropertyResolver environment) {
        return new RegistryCredentials(environment.getProperty(USERNAME, "plinth"),
                environment.getProperty(PASSWORD, ""));
    }

    boolean configured() {
        return password != null && !password.isBlank();
    }

    /**
     * {@code url} with these credentials as its user info (encoded), so a peer replica can be reached the way
     * clients reach it. A URL that already names a user, or open credentials, leave it as it is.
     */
    String addTo(String url) {
        URI uri = URI.create(url);
        if (!configured() || uri.getRawUserInfo() != null) {
            return url;
        }
        String userInfo = encode(username) + ":" + encode(password);
        String authority = uri.getRawAuthority();
        int at = url.indexOf(authority);
        return url.substring(0, at) + userInfo + "@" + url.substring(at);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "RegistryCredentials[username=" + username + ", password=" + (configured() ? "***" : "none") + "]";
    }
}
