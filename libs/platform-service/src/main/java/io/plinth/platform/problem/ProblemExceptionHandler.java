package io.plinth.platform.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

import io.plinth.web.Problem;
import io.plinth.web.ProblemWriter;
import io.plinth.web.RequestIds;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders every error that escapes a handler or a {@code WebFilter} as RFC 9457
 * {@code application/problem+json}. Ordered before Boot's {@code DefaultErrorWebExceptionHandler}
 * (-1) so nothing reaches Boot's own JSON error shape, and it sits outside the filter chain, so it
 * also sees errors thrown by filters.
 *
 * <p>Other platform code (idempotency, security entry points) calls {@link #handle} directly to
 * write a problem through a decorated exchange.
 */
public class ProblemExceptionHandler implements WebExceptionHandler, Ordered {

    /** Before Boot's DefaultErrorWebExceptionHandler (-1) and WebFlux's ResponseStatus handler (0). */
    public static final int ORDER = -2;

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final ProblemMapper mapper;
    private final ProblemWriter writer;

    /**
     * @param typeBase prefix of every problem {@code type} URI; the code is appended
     *                 (e.g. {@code https://plinth.io/problems/} + {@code insufficient_credits})
     */
    public ProblemExceptionHandler(ProblemMapper mapper, JsonMapper json, String typeBase) {
        this.mapper = mapper;
        this.writer = new ProblemWriter(json, typeBase);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            // Half a response is already on the wire; the connection is all that can still signal failure.
            return Mono.error(ex);
        }
        String requestId = RequestIds.resolve(exchange);
        Problem problem = mapper.map(ex);
        logProblem(exchange, ex, problem, requestId);
        return write(exchange, problem);
    }

    /** Writes an already-mapped problem (used by filters that decide on a problem themselves). */
    public Mono<Void> write(ServerWebExchange exchange, Problem problem) {
        return writer.write(exchange, problem);
    }

    private void logProblem(ServerWebExchange exchange, Throwable ex, Problem problem, String requestId) {
        // This handler runs outside the request id filter's Reactor context, so put the id in MDC here.
        try (MDC.MDCCloseable ignored = MDC.putCloseable(RequestIds.MDC_KEY, requestId)) {
            String request = exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value();
            if (problem.isServerError()) {
                log.error("{} failed with {} {}", request, problem.status(), problem.code(), ex);
            } else if (log.isDebugEnabled()) {
                log.debug("{} answered {} {}: {}", request, problem.status(), problem.code(), ex.toString());
            }
        }
    }
}
