package io.plinth.platform.web;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Assigns the request id before anything else runs, echoes it on the response, and puts it in
 * the Reactor context under {@link RequestIds#MDC_KEY}; with automatic context propagation
 * (see {@link RequestIdContextPropagation}) that value reaches the MDC of every log line.
 */
public class RequestIdWebFilter implements WebFilter, Ordered {

    /** First of all filters, so security and idempotency problems carry the id too. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String requestId = RequestIds.resolve(exchange);
        exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
        // Error handlers may rebuild headers; make sure the id is on whatever is committed.
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
            return Mono.empty();
        });
        return chain.filter(exchange).contextWrite(context -> context.put(RequestIds.MDC_KEY, requestId));
    }
}
