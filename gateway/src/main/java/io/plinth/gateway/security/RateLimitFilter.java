package io.plinth.gateway.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.plinth.gateway.GatewayFilterOrder;
import io.plinth.gateway.edge.ClientAddressFilter;
import io.plinth.gateway.edge.ManagementPort;
import io.plinth.web.Problem;
import io.plinth.web.ProblemCodes;
import io.plinth.web.ProblemWriter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Token buckets per client address (every request) and per authenticated user (after the edge check),
 * in this instance's memory. Over the limit → 429 {@code rate_limited} with {@code Retry-After}.
 * The client address is the one {@link ClientAddressFilter} decided: the TCP peer, or the forwarded chain
 * only from configured trusted proxies, so a caller can never pick its own bucket.
 */
class RateLimitFilter implements WebFilter, Ordered {

    private final RateLimitProperties props;
    private final ProblemWriter problems;
    private final LongSupplier nanoTime;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    private final ManagementPort management;

    RateLimitFilter(RateLimitProperties props, ProblemWriter problems, LongSupplier nanoTime, ManagementPort management) {
        this.props = props;
        this.problems = problems;
        this.nanoTime = nanoTime;
        this.management = management;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (management.isManagementRequest(exchange)) {
            return chain.filter(exchange);
        }
        long now = nanoTime.getAsLong();
        String address = clientAddress(exchange);
        long wait = take("a:" + address, props.addressCapacity(), props.addressRefillPerSecond(), now);
        Object user = exchange.getAttribute(EdgeAuthenticationFilter.USER_ATTRIBUTE);
        if (wait == 0 && user != null) {
            wait = take("u:" + user, props.userCapacity(), props.userRefillPerSecond(), now);
        }
        if (wait > 0) {
            long seconds = Math.max(1, Duration.ofNanos(wait).toSeconds() + 1);
            return problems.write(exchange, Problem.of(HttpStatus.TOO_MANY_REQUESTS.value(), ProblemCodes.RATE_LIMITED,
                    "Too many requests; slow down.").withHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
        }
        return chain.filter(exchange);
    }

    private static String clientAddress(ServerWebExchange exchange) {
        String decided = exchange.getAttribute(ClientAddressFilter.ATTRIBUTE);
        return decided != null ? decided : "unknown";
    }

    private long take(String key, int capacity, double refill, long now) {
        if (buckets.size() >= props.maxTrackedKeys()) {
            // Full buckets carry no information: dropping them bounds memory without forgiving anyone.
            buckets.entrySet().removeIf(e -> e.getValue().isIdle(now));
        }
        return buckets.computeIfAbsent(key, k -> new TokenBucket(capacity, refill, now)).tryTake(now);
    }

    @Override
    public int getOrder() {
        return GatewayFilterOrder.RATE_LIMIT;
    }
}
