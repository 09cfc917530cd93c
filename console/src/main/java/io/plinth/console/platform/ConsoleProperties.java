package io.plinth.console.platform;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param apiUrl     the gateway's address, where every admin API is called
 * @param apiTimeout how long a page waits for one API answer
 * @param secureCookies true: every cookie is {@code Secure} whatever the request says (production, where the
 *                      console is only ever served over https); false: {@code Secure} when the request came over
 *                      https, by its scheme or {@code X-Forwarded-Proto}
 */
@ConfigurationProperties("plinth.console")
public record ConsoleProperties(URI apiUrl, Duration apiTimeout, boolean secureCookies) {

    public ConsoleProperties {
        apiUrl = apiUrl == null ? URI.create("http://localhost:8080") : apiUrl;
        apiTimeout = apiTimeout == null ? Duration.ofSeconds(10) : apiTimeout;
    }
}
