package io.plinth.gateway.problem;

import io.plinth.gateway.GatewayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ProblemConfiguration {

    @Bean
    ProblemMapper problemMapper(GatewayProperties properties) {
        return new ProblemMapper(properties.retryAfter(), properties.circuitBreaker().waitDurationInOpenState());
    }

    @Bean
    GatewayErrorHandler gatewayErrorHandler(ProblemMapper mapper, ProblemWriter writer) {
        return new GatewayErrorHandler(mapper, writer);
    }
}
