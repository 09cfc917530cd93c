package io.plinth.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token buckets per authenticated user and per client address ({@code plinth.gateway.rate-limit.*}).
 * The buckets live in this gateway instance's memory: with N replicas behind a load balancer a client
 * gets up to N times the rate. That is the accepted trade-off (no shared store on the hot path).
 *
 * @param enabled              switch
 * @param userCapacity         burst per user
 * @param userRefillPerSecond  sustained requests per second per user
 * @param addressCapacity      burst per client address
 * @param addressRefillPerSecond sustained requests per second per client address
 * @param maxTrackedKeys       bound on remembered buckets (idle ones are dropped first)
 * The address is the one the gateway decided from its trusted proxies ({@code plinth.gateway.trusted-proxies}).
 */
@ConfigurationProperties("plinth.gateway.rate-limit")
public record RateLimitProperties(Boolean enabled, Integer userCapacity, Double userRefillPerSecond,
                                  Integer addressCapacity, Double addressRefillPerSecond, Integer maxTrackedKeys) {

    public RateLimitProperties {
        enabled = enabled == null || enabled;
        userCapacity = userCapacity != null ? userCapacity : 100;
        userRefillPerSecond = userRefillPerSecond != null ? userRefillPerSecond : 20.0;
        addressCapacity = addressCapacity != null ? addressCapacity : 200;
        addressRefillPerSecond = addressRefillPerSecond != null ? addressRefillPerSecond : 50.0;
        maxTrackedKeys = maxTrackedKeys != null ? maxTrackedKeys : 100_000;
    }
}
