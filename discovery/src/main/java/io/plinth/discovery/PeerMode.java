package io.plinth.discovery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Switches the registry from standalone (devstack: no peers, fast eviction, no self-preservation)
 * to peer-aware when {@code plinth.discovery.peers} ({@code EUREKA_PEERS}) names other replicas:
 * it then registers with and fetches from them, and keeps self-preservation on so a network blip
 * between replicas does not empty the registry. With registry credentials configured, they are added to
 * every peer URL that names no user ({@link RegistryCredentials}), so {@code EUREKA_PEERS} holds no secret.
 *
 * <p>Its values sit just below environment variables and system properties and above
 * application.yml, so an explicit setting (e.g. {@code EUREKA_SELF_PRESERVATION=false}) still wins.
 */
public class PeerMode implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "plinthEurekaPeerMode";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<String> peers = PeerList.otherPeers(environment.getProperty("plinth.discovery.peers"),
                environment.getProperty("eureka.instance.hostname"));
        if (peers.isEmpty()) {
            return;
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("eureka.client.register-with-eureka", "true");
        settings.put("eureka.client.fetch-registry", "true");
        // The other replicas check the same credentials as every client does.
        RegistryCredentials credentials = RegistryCredentials.from(environment);
        settings.put("eureka.client.service-url.defaultZone",
                String.join(",", peers.stream().map(credentials::addTo).toList()));
        settings.put("eureka.server.enable-self-preservation",
                environment.getProperty("EUREKA_SELF_PRESERVATION", "true"));
        // A replica starting next to its peers copies their registry rather than serving an empty one.
        settings.put("eureka.server.registry-sync-retries", "5");
        settings.put("eureka.server.registry-sync-retry-wait-ms", "5000");
        MapPropertySource source = new MapPropertySource(SOURCE_NAME, settings);
        String env = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
        if (environment.getPropertySources().contains(env)) {
            environment.getPropertySources().addAfter(env, source);
        } else {
            environment.getPropertySources().addFirst(source);
        }
    }

    /** After config data (application.yml) is loaded, so the peers setting can come from there. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
