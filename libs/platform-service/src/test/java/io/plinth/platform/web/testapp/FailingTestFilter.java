package io.plinth.platform.web.testapp;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.plinth.platform.problem.ApiException;
import reactor.core.publisher.Mono;

/** An error raised in a WebFilter, before any controller: must still become problem+json. */
@Component
class FailingTestFilter implements WebFilter, Ordered {

    @Override
    public int getOrder() {
        return 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getPath().value().equals("/test/filter-forbidden")) {
            return Mono.error(ApiException.forbidden("Filters can refuse too."));
        }
        if (exchange.getRequest().getPath().value().equals("/test/filter-boom")) {
            throw new IllegalArgumentException("filter internals");
        }
        return chain.filter(exchange);
    }
}
