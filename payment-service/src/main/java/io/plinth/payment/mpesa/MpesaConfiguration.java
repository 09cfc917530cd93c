package io.plinth.payment.mpesa;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.plinth.payment.payments.Payments;
import io.plinth.payment.providers.HttpProviderCalls;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.client.WebClient;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(MpesaProperties.class)
class MpesaConfiguration {

    @Bean
    DarajaClient darajaClient(WebClient.Builder builder, MpesaProperties properties, Clock clock,
            CircuitBreakerRegistry circuitBreakers, RetryRegistry retries, TimeLimiterRegistry timeLimiters) {
        return new DarajaClient(builder, properties, clock, new HttpProviderCalls(DarajaClient.PROVIDER,
                circuitBreakers.circuitBreaker(DarajaClient.PROVIDER), retries.retry(DarajaClient.PROVIDER),
                timeLimiters.timeLimiter(DarajaClient.PROVIDER), DarajaClient::errorCode));
    }

    @Bean
    MpesaPayments mpesaPayments(DarajaClient daraja, Payments payments, MpesaProperties properties) {
        return new MpesaPayments(daraja, payments, properties);
    }

    @Bean
    MpesaCallbacks mpesaCallbacks(Payments payments, MpesaPayments mpesa) {
        return new MpesaCallbacks(payments, mpesa);
    }

    @Bean
    MpesaTimeouts mpesaTimeouts(Payments payments, MpesaPayments mpesa, MpesaProperties properties,
            TransactionalOperator tx, Clock clock) {
        return new MpesaTimeouts(payments, mpesa, properties, tx, clock);
    }
}
