package io.plinth.sandbox.faults;

import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Applies an armed fault before the provider's API sees the request: a delay, then a canned failure. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class FaultsWebFilter implements WebFilter {

    private final Faults faults;

    FaultsWebFilter(Faults faults) {
        this.faults = faults;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return faults.take(exchange.getRequest().getPath().value())
                .map(fault -> Mono.delay(fault.latency()).then(fault.status() == 0
                        ? chain.filter(exchange)
                        : fail(exchange, fault.status())))
                .orElseGet(() -> chain.filter(exchange));
    }

    private static Mono<Void> fail(ServerWebExchange exchange, int status) {
        exchange.getResponse().setStatusCode(HttpStatus.valueOf(status));
        exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] body = ("{\"error\":{\"type\":\"api_error\",\"message\":\"Sandbox fault: " + status + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        return exchange.getResponse().writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(body)));
    }
}
