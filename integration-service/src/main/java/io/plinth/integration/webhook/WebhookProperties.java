package io.plinth.integration.webhook;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The ingress's settings ({@code plinth.webhooks.*}). Secrets come only from the environment, two per provider so
 * a secret can be rotated without dropping deliveries: {@code PLINTH_WEBHOOKS_STRIPE_SECRET} and
 * {@code PLINTH_WEBHOOKS_STRIPE_PREVIOUSSECRET}, likewise {@code PIPIT}, {@code CAPCUT}, {@code DOCUSIGN},
 * {@code ZOOM} and {@code MPESA} (the key of M-Pesa's callback tokens, shared with payment-service). A provider
 * with no secret configured has every delivery refused (401) and logged.
 *
 * @param tolerance          how far a signed timestamp may be from now, either way (Stripe's default, 300 s)
 * @param maxBodySize        the largest body read; larger ones are refused with 413 and logged truncated
 * @param storedRejectedBody how much of a rejected body is kept in {@code webhook_events}
 */
@Validated
@ConfigurationProperties("plinth.webhooks")
public record WebhookProperties(
        @DefaultValue("300s") @NotNull Duration tolerance,
        @DefaultValue("1MB") @NotNull DataSize maxBodySize,
        @DefaultValue("4KB") @NotNull DataSize storedRejectedBody,
        @DefaultValue Secrets stripe,
        @DefaultValue Secrets pipit,
        @DefaultValue Secrets capcut,
        @DefaultValue Secrets docusign,
        @DefaultValue Secrets zoom,
        @DefaultValue Secrets mpesa) {

    /**
     * @param secret         the current secret
     * @param previousSecret the one being rotated out, accepted until it is removed
     */
    public record Secrets(String secret, String previousSecret) {

        @Override
        public String toString() {
            // Never print a secret, should this record ever reach a log line or a diagnostics endpoint.
            return "Secrets[secret=" + (secret == null ? "unset" : "***") + ", previousSecret="
                    + (previousSecret == null ? "unset" : "***") + "]";
        }

        /** The configured secrets, current first. */
        public List<String> active() {
            List<String> active = new ArrayList<>(2);
            if (secret != null && !secret.isBlank()) {
                active.add(secret);
            }
            if (previousSecret != null && !previousSecret.isBlank()) {
                active.add(previousSecret);
            }
            return List.copyOf(active);
        }
    }

    public Secrets secretsOf(Provider provider) {
        return switch (provider) {
            case STRIPE -> stripe;
            case PIPIT -> pipit;
            case CAPCUT -> capcut;
            case DOCUSIGN -> docusign;
            case ZOOM -> zoom;
            case MPESA -> mpesa;
        };
    }
}
