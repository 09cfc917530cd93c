package io.plinth.console.platform;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param apiUrl     the gateway's address, where every admin API is called
 * @param apiTimeout how long a page waits for one API answer
 */
@ConfigurationProperties("plinth.console")
public record ConsoleProperties(URI apiUrl, Duration apiTimeout) {

    public ConsoleProperties {
        apiUrl = apiUrl == null ? URI.create("http://localhost:8080") : apiUrl;
        apiTimeout = apiTimeout == null ? Duration.ofSeconds(10) : apiTimeout;
    }
}
