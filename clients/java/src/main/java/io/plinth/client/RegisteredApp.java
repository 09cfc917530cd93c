package io.plinth.client;

import java.util.List;

/**
 * A partner app an admin registered. The API key is shown this once: store it as a secret.
 * {@link #toString()} never shows it.
 *
 * @param appId       the app's id
 * @param name        its name
 * @param domain      its domain
 * @param permissions what it may do with a signed-in user's account
 * @param apiKey      its secret key
 */
public record RegisteredApp(String appId, String name, String domain, List<String> permissions, String apiKey) {

    @Override
    public String toString() {
        return "RegisteredApp[appId=" + appId + ", name=" + name + ", domain=" + domain + ", permissions="
                + permissions + ", apiKey=***]";
    }
}
