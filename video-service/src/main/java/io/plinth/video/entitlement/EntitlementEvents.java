package io.plinth.video.entitlement;

import io.plinth.events.EventEnvelope;
import io.plinth.events.payment.PaymentSucceeded;
import io.plinth.events.signature.SignatureEnvelopeCompleted;
import io.plinth.platform.kafka.EventSubscriptions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Entitlements from the rest of the platform: a paid entitlement product ({@code payment.succeeded}
 * with {@code entitlements}) and a signed contract that unlocks a course
 * ({@code signature.envelope-completed} with a {@code courseId}). Each runs in the inbox
 * transaction of its event, and grants are keyed by their cause as well, so a redelivery is a no-op.
 */
@Configuration(proxyBeanMethods = false)
class EntitlementEvents {

    /** Events from before tenants existed carry none; they belong to the default tenant. */
    static final String DEFAULT_TENANT = "default";

    /** @param consumer consumer group and inbox name: the application's name, unless a test context needs its own */
    @Bean
    EventSubscriptions entitlementSubscriptions(Entitlements entitlements,
            @Value("${plinth.video.consumer-group:${spring.application.name}}") String consumer) {
        return EventSubscriptions.builder()
                .consumer(consumer)
                // A Pipit basket may unlock several; each is its own grant of the same cause.
                .on(PaymentSucceeded.class, (event, payment) -> Flux.fromIterable(payment.entitlements())
                        .concatMap(entitlement -> entitlements.grant(tenant(event), payment.userId(), entitlement,
                                "payment:" + payment.paymentId()))
                        .then())
                .on(SignatureEnvelopeCompleted.class, (event, envelope) -> envelope.courseId() == null
                        || envelope.courseId().isBlank() ? Mono.empty()
                        : entitlements.grant(tenant(event), envelope.userId(), Entitlement.course(envelope.courseId()),
                                "signature:" + envelope.envelopeId()))
                .build();
    }

    static String tenant(EventEnvelope event) {
        return event.tenantId() == null || event.tenantId().isBlank() ? DEFAULT_TENANT : event.tenantId();
    }
}
