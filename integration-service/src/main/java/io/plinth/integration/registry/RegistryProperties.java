package io.plinth.integration.registry;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The registry's settings ({@code plinth.integration.*}).
 *
 * @param credentials how stored credentials are encrypted
 * @param testTimeout how long a connection test waits for the provider
 * @param sendgrid    where SendGrid is (the sandbox in the devstack)
 */
@Validated
@ConfigurationProperties("plinth.integration")
record RegistryProperties(@DefaultValue Credentials credentials, @DefaultValue("5s") @NotNull Duration testTimeout,
        @DefaultValue SendGrid sendgrid) {

    /**
     * @param keys        {@code PLINTH_INTEGRATION_CREDENTIALS_KEYS}: {@code id:base64key,…}, each key 32 bytes
     * @param activeKeyId {@code PLINTH_INTEGRATION_CREDENTIALS_ACTIVEKEYID}: the key new writes use (optional with one key)
     */
    record Credentials(String keys, String activeKeyId) {
        @Override
        public String toString() {
            return "Credentials[keys=" + (keys == null ? "unset" : "***") + ", activeKeyId=" + activeKeyId + "]";
        }
    }

    record SendGrid(@DefaultValue("https://api.sendgrid.com") URI baseUrl) {
    }
}
