package io.plinth.video.credit;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.loadbalancer.reactive.LoadBalancedExchangeFilterFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Credit-service is found through Eureka: {@code http://credit-service} names the service, and the
 * load-balancer filter picks one of its instances per call. The resilience4j instances are all
 * named {@code credit-service} and configured in application.yml.
 */
@Configuration(proxyBeanMethods = false)
class CreditClientConfiguration {

    static final String INSTANCE = "credit-service";

    @Bean
    CreditHolds creditHolds(WebClient.Builder http, LoadBalancedExchangeFilterFunction loadBalancer,
            @Value("${plinth.video.credit-service-url:http://credit-service}") String baseUrl,
            TimeLimiterRegistry timeLimiters, RetryRegistry retries, CircuitBreakerRegistry breakers) {
        return new HttpCreditHolds(http.clone().filter(loadBalancer).baseUrl(baseUrl).build(),
                timeLimiters.timeLimiter(INSTANCE),
                retries.retry(INSTANCE), breakers.circuitBreaker(INSTANCE));
    }
}
