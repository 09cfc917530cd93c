package io.plinth.gateway.security;

import java.time.Clock;

import io.plinth.gateway.edge.ManagementPort;
import io.plinth.jwt.JwksCache;
import io.plinth.web.ProblemWriter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/** JWT check and rate limits at the edge; their places in the filter order are in GatewayFilterOrder. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({EdgeSecurityProperties.class, RateLimitProperties.class})
class EdgeSecurityConfiguration {

    @Bean
    @ConditionalOnProperty(prefix = "plinth.security", name = "enabled", havingValue = "true", matchIfMissing = true)
    EdgeAuthenticationFilter edgeAuthenticationFilter(EdgeSecurityProperties props, ProblemWriter problems,
                                                      ManagementPort management) {
        Clock clock = Clock.systemUTC();
        JwksCache keys = new JwksCache(WebClient.builder().build(), props.jwksUri(), props.jwksTtl(),
                props.jwksRefreshCooldown(), clock);
        return new EdgeAuthenticationFilter(EdgeJwtDecoder.create(keys, props, clock), problems, management);
    }

    @Bean
    @ConditionalOnProperty(prefix = "plinth.gateway.rate-limit", name = "enabled", havingValue = "true",
            matchIfMissing = true)
    RateLimitFilter rateLimitFilter(RateLimitProperties props, ProblemWriter problems, ManagementPort management) {
        return new RateLimitFilter(props, problems, System::nanoTime, management);
    }
}
