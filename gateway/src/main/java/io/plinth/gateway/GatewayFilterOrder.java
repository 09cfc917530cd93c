package io.plinth.gateway;

import org.springframework.core.Ordered;

/**
 * The order of everything the gateway does to a request before it is routed, in one place so a new
 * filter (JWT validation, rate limiting in {@code io.plinth.gateway.security}) can slot in without
 * reading every other filter. All of these are {@link org.springframework.web.server.WebFilter}s, so
 * they run for every request, routed or not, and before Spring Cloud Gateway picks a route.
 *
 * <pre>
 *  REQUEST_ID              every response (errors included) can carry X-Request-Id
 *  CORS                    preflights answered before anything asks for a token
 *  STRIP_IDENTITY_HEADERS  a client can never pose as an authenticated user
 *  CLIENT_ADDRESS          the client's address decided once (trusted proxies only), passed on to services
 *  AUTHENTICATION          reserved: JWT check (Spring Security's WebFilterChainProxy default is -100)
 *  RATE_LIMIT              reserved: per-client limits
 *  BODY_SIZE_LIMIT         last, so anonymous or throttled callers never make the gateway buffer a body
 * </pre>
 *
 * The route itself then runs the route filters (circuit breaker, path rewrite) and the gateway's
 * global filters (load balancer, Netty routing), which are ordered by Spring Cloud Gateway.
 */
public final class GatewayFilterOrder {

    public static final int REQUEST_ID = Ordered.HIGHEST_PRECEDENCE;
    public static final int CORS = Ordered.HIGHEST_PRECEDENCE + 10;
    public static final int STRIP_IDENTITY_HEADERS = Ordered.HIGHEST_PRECEDENCE + 20;
    public static final int CLIENT_ADDRESS = Ordered.HIGHEST_PRECEDENCE + 30;
    /** Reserved for the JWT check; equal to Spring Security's reactive filter chain order. */
    public static final int AUTHENTICATION = -100;
    /** Reserved for rate limiting. */
    public static final int RATE_LIMIT = -50;
    public static final int BODY_SIZE_LIMIT = -10;

    /** The gateway's problem+json error handler runs before Boot's default one (-1). */
    public static final int ERROR_HANDLER = -2;

    private GatewayFilterOrder() {
    }
}
