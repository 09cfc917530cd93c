package io.plinth.gateway.routing;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.plinth.gateway.GatewayProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Turns {@link PlinthRoutes} into gateway routes. Each route gets, in this order:
 * <ol>
 *   <li>a circuit breaker named after its service (one breaker per service, shared by its routes),
 *       wrapping everything below it so an absent, refusing or slow service counts as a failure;</li>
 *   <li>its path rewrite, if any;</li>
 *   <li>its time limits as route metadata: the proxy's connect timeout and response timeout;</li>
 *   <li>its kind and service as metadata ({@link RouteSpec#KIND_METADATA}, {@link RouteSpec#SERVICE_METADATA}).</li>
 * </ol>
 * The response timeout is the route's one time limit; resilience4j's own time limiter is switched
 * off ({@code spring.cloud.circuitbreaker.resilience4j.disable-time-limiter}) so two clocks never race.
 */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    @Bean
    RouteLocator plinthRouteLocator(RouteLocatorBuilder builder, GatewayProperties properties) {
        RouteTimeouts timeouts = new RouteTimeouts(properties.timeouts());
        RouteLocatorBuilder.Builder routes = builder.routes();
        for (RouteSpec spec : PlinthRoutes.ALL) {
            routes.route(spec.id(), r -> r.path(spec.paths().toArray(String[]::new))
                    .filters(f -> {
                        f.circuitBreaker(config -> config.setName(spec.service()));
                        if (spec.rewrite() != null) {
                            f.rewritePath(spec.rewrite().regex(), spec.rewrite().replacement());
                        }
                        return f;
                    })
                    .metadata(RouteSpec.KIND_METADATA, spec.kind().name())
                    .metadata(RouteSpec.SERVICE_METADATA, spec.service())
                    .metadata(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, (int) timeouts.connect().toMillis())
                    .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, timeouts.responseTimeout(spec).toMillis())
                    .uri("lb://" + spec.service()));
        }
        return routes.build();
    }

    /**
     * Every service's breaker: count-based window, opens on the failure rate, probes after the wait. Its
     * window is lock-free: every event loop records each proxied call's outcome in its service's one breaker,
     * and the default (SYNCHRONIZED) window parks a loop whenever another loop is recording (BlockHound
     * caught it under GatewayIT's concurrent calls).
     */
    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> plinthCircuitBreakers(GatewayProperties properties) {
        GatewayProperties.CircuitBreaker cb = properties.circuitBreaker();
        CircuitBreakerConfig breaker = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSynchronizationStrategy(CircuitBreakerConfig.SlidingWindowSynchronizationStrategy.LOCK_FREE)
                .slidingWindowSize(cb.slidingWindowSize())
                .minimumNumberOfCalls(cb.minimumNumberOfCalls())
                .failureRateThreshold(cb.failureRateThreshold())
                .waitDurationInOpenState(cb.waitDurationInOpenState())
                .permittedNumberOfCallsInHalfOpenState(cb.permittedCallsInHalfOpen())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build();
        // Only used if the time limiter is switched back on; then it must never undercut a route's limit.
        TimeLimiterConfig limiter = TimeLimiterConfig.custom()
                .timeoutDuration(new RouteTimeouts(properties.timeouts()).longest().plus(Duration.ofSeconds(1)))
                .build();
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(breaker)
                .timeLimiterConfig(limiter)
                .build());
    }
}
