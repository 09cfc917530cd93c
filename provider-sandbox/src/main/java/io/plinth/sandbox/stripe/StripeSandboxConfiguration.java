package io.plinth.sandbox.stripe;

import io.plinth.sandbox.delivery.WebhookDelivery;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StripeSandboxConfiguration {

    @Bean
    StripeAccount stripeAccount(WebhookDelivery delivery) {
        return new StripeAccount(delivery, Clock.systemUTC());
    }

    @Bean
    StripeIdempotency stripeIdempotency() {
        return new StripeIdempotency(Clock.systemUTC());
    }
}
