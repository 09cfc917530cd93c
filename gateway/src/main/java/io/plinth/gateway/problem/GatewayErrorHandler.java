package io.plinth.gateway.problem;

import java.net.URI;

import io.plinth.gateway.GatewayFilterOrder;
import io.plinth.web.Problem;
import io.plinth.web.ProblemWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Every error the gateway answers itself, rendered as problem+json. Runs before Boot's default
 * handler so no HTML page, whitelabel JSON or Netty message ever reaches a client.
 */
class GatewayErrorHandler implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    private final ProblemMapper mapper;
    private final ProblemWriter writer;

    GatewayErrorHandler(ProblemMapper mapper, ProblemWriter writer) {
        this.mapper = mapper;
        this.writer = writer;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            // Part of a downstream answer is already on the wire; nothing honest can be added.
            return Mono.error(error);
        }
        String service = routedService(exchange);
        Problem problem = mapper.toProblem(error, service);
        if (problem.status() == 500) {
            log.error("Unhandled gateway error on {} {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), error);
        } else if (problem.isServerError()) {
            log.warn("{} {} -> {} {} ({})", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                    problem.status(), problem.code(), error.toString());
        }
        return writer.write(exchange, problem);
    }

    private static String routedService(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return null;
        }
        URI uri = route.getUri();
        return uri.getHost() != null ? uri.getHost() : route.getId();
    }

    @Override
    public int getOrder() {
        return GatewayFilterOrder.ERROR_HANDLER;
    }
}
