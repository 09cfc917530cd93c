package io.plinth.gateway.problem;

import io.plinth.gateway.GatewayFilterOrder;
import io.plinth.gateway.GatewayProperties;
import io.plinth.web.ProblemWriter;
import io.plinth.web.RequestIdWebFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ProblemConfiguration {

    @Bean
    ProblemMapper problemMapper(GatewayProperties properties) {
        return new ProblemMapper(properties.retryAfter(), properties.circuitBreaker().waitDurationInOpenState());
    }

    @Bean
    ProblemWriter problemWriter(JsonMapper json) {
        return new ProblemWriter(json);
    }

    /** First of all filters, so every answer, the gateway's own errors included, carries the id. */
    @Bean
    RequestIdWebFilter requestIdWebFilter() {
        return new RequestIdWebFilter(GatewayFilterOrder.REQUEST_ID);
    }

    @Bean
    GatewayErrorHandler gatewayErrorHandler(ProblemMapper mapper, ProblemWriter writer) {
        return new GatewayErrorHandler(mapper, writer);
    }
}
