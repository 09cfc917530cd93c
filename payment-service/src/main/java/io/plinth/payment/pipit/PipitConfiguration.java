package io.plinth.payment.pipit;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.plinth.payment.payments.Payments;
import io.plinth.payment.providers.HttpProviderCalls;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PipitProperties.class)
class PipitConfiguration {

    @Bean
    PipitClient pipitClient(WebClient.Builder builder, PipitProperties properties, CircuitBreakerRegistry circuitBreakers,
            RetryRegistry retries, TimeLimiterRegistry timeLimiters) {
        return new PipitClient(builder, properties, new HttpProviderCalls(PipitClient.PROVIDER,
                circuitBreakers.circuitBreaker(PipitClient.PROVIDER), retries.retry(PipitClient.PROVIDER),
                timeLimiters.timeLimiter(PipitClient.PROVIDER), PipitClient::errorCode));
    }

    @Bean
    PipitPayments pipitPayments(PipitClient client, Payments payments) {
        return new PipitPayments(client, payments);
    }
}
