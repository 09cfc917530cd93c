package io.plinth.payment.stripe;

import com.stripe.StripeClient;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.plinth.payment.catalog.Catalog;
import io.plinth.payment.payments.Payments;
import io.plinth.payment.subscriptions.Subscriptions;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StripeProperties.class)
class StripeConfiguration {

    @Bean
    StripeClient stripeClient(StripeProperties properties) {
        return StripeClient.builder()
                .setApiKey(properties.secretKey())
                .setApiBase(properties.apiBase())
                .setConnectTimeout((int) properties.connectTimeout().toMillis())
                .setReadTimeout((int) properties.readTimeout().toMillis())
                // resilience4j retries (only idempotent calls); the SDK must not retry on its own.
                .setMaxNetworkRetries(0)
                .build();
    }

    /** The blocking SDK's own threads, capped: a slow Stripe cannot take more than these. */
    @Bean(destroyMethod = "dispose")
    Scheduler stripeScheduler(StripeProperties properties) {
        return Schedulers.newBoundedElastic(properties.threads(), 10 * properties.threads(), "stripe");
    }

    @Bean
    StripeCalls stripeCalls(StripeClient client, Scheduler stripeScheduler, CircuitBreakerRegistry circuitBreakers,
            RetryRegistry retries, TimeLimiterRegistry timeLimiters) {
        return new StripeCalls(client, stripeScheduler, circuitBreakers.circuitBreaker(StripeCalls.PROVIDER),
                retries.retry(StripeCalls.PROVIDER), timeLimiters.timeLimiter(StripeCalls.PROVIDER));
    }

    @Bean
    StripeCustomers stripeCustomers(DatabaseClient db, StripeCalls calls, Clock clock) {
        return new StripeCustomers(db, calls, clock);
    }

    @Bean(destroyMethod = "stop")
    StripeCatalogSync stripeCatalogSync(StripeCalls calls, Catalog catalog) {
        return new StripeCatalogSync(calls, catalog);
    }

    @Bean
    StripeCheckout stripeCheckout(StripeCalls calls, StripeCustomers customers, Payments payments,
            StripeCatalogSync catalogSync) {
        return new StripeCheckout(calls, customers, payments, catalogSync);
    }

    @Bean
    StripeWebhooks stripeWebhooks(Payments payments, Subscriptions subscriptions) {
        return new StripeWebhooks(payments, subscriptions);
    }

    @Bean
    StripeRefunds stripeRefunds(StripeCalls calls) {
        return new StripeRefunds(calls);
    }

    @Bean
    StripeSubscriptions stripeSubscriptions(StripeCalls calls, Subscriptions subscriptions) {
        return new StripeSubscriptions(calls, subscriptions);
    }
}
