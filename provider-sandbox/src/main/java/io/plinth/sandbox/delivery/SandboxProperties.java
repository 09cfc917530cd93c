package io.plinth.sandbox.delivery;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the sandbox delivers each provider's webhooks and with which secrets ({@code plinth.sandbox.*}).
 * Environment forms: {@code PLINTH_SANDBOX_WEBHOOKBASEURL}, {@code PLINTH_SANDBOX_WEBHOOKS_STRIPE_SECRETS}
 * (comma-separated; every one signs), {@code PLINTH_SANDBOX_WEBHOOKS_STRIPE_URL},
 * {@code PLINTH_SANDBOX_DELIVERY_MAXBACKOFF}, …
 *
 * @param webhookBaseUrl where Plinth's ingress is (the gateway); a provider without its own {@code url}
 *                       delivers to {@code <base>/api/v1/webhooks/<provider>}
 * @param webhooks       per provider: {@code url} (optional) and {@code secrets}
 * @param delivery       retry schedule and event store size
 */
@ConfigurationProperties("plinth.sandbox")
public record SandboxProperties(
        @DefaultValue("http://localhost:8080") URI webhookBaseUrl,
        Map<String, Endpoint> webhooks,
        @DefaultValue Delivery delivery) {

    public SandboxProperties {
        webhooks = webhooks == null ? Map.of() : Map.copyOf(webhooks);
    }

    /**
     * @param url     full URL of this provider's webhook endpoint, overriding the base URL
     * @param secrets the provider's active signing secrets; two while rotating
     */
    public record Endpoint(URI url, List<String> secrets) {

        public Endpoint {
            secrets = secrets == null ? List.of() : List.copyOf(secrets);
        }
    }

    /**
     * Like the real providers, a failed delivery (no answer, or anything but 2xx) is retried with
     * exponential back-off: {@code initialBackoff}, doubled per attempt up to {@code maxBackoff}, until
     * {@code maxAttempts} attempts were made.
     *
     * @param timeout    how long one attempt waits for an answer
     * @param keepEvents events kept per provider for the controls (oldest dropped first)
     */
    public record Delivery(
            @DefaultValue("500ms") Duration initialBackoff,
            @DefaultValue("10s") Duration maxBackoff,
            @DefaultValue("200") int maxAttempts,
            @DefaultValue("10s") Duration timeout,
            @DefaultValue("1000") int keepEvents) {
    }
}
