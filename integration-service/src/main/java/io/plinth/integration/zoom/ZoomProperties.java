package io.plinth.integration.zoom;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code plinth.integration.zoom.*}.
 *
 * @param oauthBaseUrl Zoom's OAuth server ({@code https://zoom.us}); the sandbox in the devstack
 * @param apiBaseUrl   Zoom's API ({@code https://api.zoom.us}); the sandbox in the devstack
 * @param timeout      how long one call may take before the user gets a 503
 */
@ConfigurationProperties("plinth.integration.zoom")
record ZoomProperties(@DefaultValue("https://zoom.us") URI oauthBaseUrl, @DefaultValue("https://api.zoom.us") URI apiBaseUrl,
        @DefaultValue("10s") Duration timeout) {
}
