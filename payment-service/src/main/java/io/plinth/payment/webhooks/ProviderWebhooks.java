package io.plinth.payment.webhooks;

import io.plinth.events.EventEnvelope;
import io.plinth.events.webhook.WebhookReceived;
import io.plinth.payment.mpesa.MpesaCallbacks;
import io.plinth.payment.pipit.PipitPayments;
import io.plinth.payment.stripe.StripeWebhooks;
import io.plinth.platform.kafka.EventSubscriptions;
import java.time.Clock;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The verified provider webhooks the ingress publishes on {@code plinth.webhooks.v1}: the ones for
 * Stripe, M-Pesa and Pipit are acted on here, each provider event id once. The inbox already
 * skips a redelivered envelope; the {@code provider_events} row also skips the same provider event
 * arriving in a second envelope (an admin replay, a retry the ingress logged twice).
 */
@Configuration(proxyBeanMethods = false)
class ProviderWebhooks {

    private static final Logger log = LoggerFactory.getLogger(ProviderWebhooks.class);
    private static final java.util.Set<String> HANDLED = java.util.Set.of("stripe", "mpesa", "pipit");

    private final DatabaseClient db;
    private final StripeWebhooks stripe;
    private final MpesaCallbacks mpesa;
    private final PipitPayments pipit;
    private final Clock clock;

    ProviderWebhooks(DatabaseClient db, StripeWebhooks stripe, MpesaCallbacks mpesa, PipitPayments pipit, Clock clock) {
        this.db = db;
        this.stripe = stripe;
        this.mpesa = mpesa;
        this.pipit = pipit;
        this.clock = clock;
    }

    @Bean
    EventSubscriptions paymentServiceSubscriptions() {
        return EventSubscriptions.builder()
                .on(WebhookReceived.class, this::received)
                .build();
    }

    Mono<Void> received(EventEnvelope envelope, WebhookReceived webhook) {
        if (!HANDLED.contains(webhook.provider())) {
            return Mono.empty();
        }
        if (webhook.providerEventId() == null || webhook.providerEventId().isBlank() || webhook.payload() == null) {
            log.warn("Ignoring webhook.received {}: no provider event id or payload", envelope.id());
            return Mono.empty();
        }
        return firstTime(webhook).flatMap(first -> {
            if (!first) {
                log.info("Skipping {} event {} ({}): already acted on", webhook.provider(), webhook.providerEventId(),
                        webhook.eventType());
                return Mono.empty();
            }
            return switch (webhook.provider()) {
                case "mpesa" -> mpesa.handle(webhook);
                case "pipit" -> pipit.handle(webhook);
                default -> stripe.handle(webhook);
            };
        });
    }

    private Mono<Boolean> firstTime(WebhookReceived webhook) {
        return db.sql("""
                        INSERT INTO provider_events (provider, event_id, event_type, received_at)
                        VALUES (:provider, :id, :type, :now) ON CONFLICT DO NOTHING""")
                .bind("provider", webhook.provider())
                .bind("id", webhook.providerEventId())
                .bind("type", webhook.eventType() == null ? "" : webhook.eventType())
                .bind("now", clock.instant().atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated()
                .map(rows -> rows == 1);
    }
}
