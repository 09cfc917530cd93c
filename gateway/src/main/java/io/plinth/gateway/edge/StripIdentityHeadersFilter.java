package io.plinth.gateway.edge;

import java.util.List;

import io.plinth.gateway.GatewayFilterOrder;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Drops inbound identity headers ({@link IdentityHeaders}) before authentication runs, so the only
 * ones a service can ever see are those the gateway itself added. Hop-by-hop headers are removed
 * later, by Spring Cloud Gateway's own RemoveHopByHopHeadersFilter, on both directions.
 */
class StripIdentityHeadersFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        List<String> spoofed = exchange.getRequest().getHeaders().headerNames().stream()
                .filter(IdentityHeaders::isIdentityHeader)
                .toList();
        if (spoofed.isEmpty()) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate()
                .request(request -> request.headers(headers -> spoofed.forEach(headers::remove)))
                .build());
    }

    @Override
    public int getOrder() {
        return GatewayFilterOrder.STRIP_IDENTITY_HEADERS;
    }
}
