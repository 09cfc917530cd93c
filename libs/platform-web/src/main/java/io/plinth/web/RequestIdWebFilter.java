package io.plinth.web;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Assigns the request id before the rest of the chain runs: keeps the caller's {@code X-Request-Id}
 * when acceptable (or makes one), sets it on the request that goes on (so a proxied call carries
 * exactly this id), echoes it on the response and puts it in the Reactor context under
 * {@link RequestIds#MDC_KEY}, from where context propagation brings it into every log line.
 *
 * <p>The echo is written again just before the response commits, replacing whatever a downstream
 * or an error handler put there, so the client sees exactly one value.
 */
public class RequestIdWebFilter implements WebFilter, Ordered {

    private final int order;

    /** @param order where in the filter chain the id is assigned; first of all in a service */
    public RequestIdWebFilter(int order) {
        this.order = order;
    }

    @Override
    public int getOrder() {
        return order;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String requestId = RequestIds.resolve(exchange);
        exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
            return Mono.empty();
        });
        ServerWebExchange carrying = requestId.equals(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER))
                ? exchange
                : exchange.mutate().request(request -> request.headers(h -> h.set(RequestIds.HEADER, requestId))).build();
        return chain.filter(carrying).contextWrite(context -> context.put(RequestIds.MDC_KEY, requestId));
    }
}
