package io.plinth.sandbox.stripe;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StripeSandboxConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StripeSandboxConfiguration.class);

    /**
     * Until webhook delivery is configured the events are only recorded (and listed under
     * {@code /_sandbox/stripe/events}).
     */
    @Bean
    @ConditionalOnMissingBean
    StripeEventSink stripeEventSink() {
        return event -> log.info("Stripe event {} {} recorded (no webhook endpoint configured)", event.get("type"),
                event.get("id"));
    }

    /** Events carry the API version of the stripe-java Plinth uses, so the SDK reads their objects typed. */
    @Bean
    StripeAccount stripeAccount(@Value("${sandbox.stripe.api-version:2026-07-29.dahlia}") String apiVersion,
            StripeEventSink sink) {
        return new StripeAccount(apiVersion, sink, Clock.systemUTC());
    }

    @Bean
    StripeIdempotency stripeIdempotency() {
        return new StripeIdempotency(Clock.systemUTC());
    }
}
