package io.plinth.platform.problem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

import io.plinth.platform.web.RequestIds;
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
    private static final Set<String> RESERVED = Set.of("type", "title", "status", "detail", "instance", "code",
            "requestId", "errors");

    private final ProblemMapper mapper;
    private final JsonMapper json;
    private final String typeBase;

    /**
     * @param typeBase prefix of every problem {@code type} URI; the code is appended
     *                 (e.g. {@code https://plinth.io/problems/} + {@code insufficient_credits})
     */
    public ProblemExceptionHandler(ProblemMapper mapper, JsonMapper json, String typeBase) {
        this.mapper = mapper;
        this.json = json;
        this.typeBase = typeBase;
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
        ServerHttpResponse response = exchange.getResponse();
        String requestId = RequestIds.resolve(exchange);
        byte[] body = json.writeValueAsBytes(body(problem, exchange.getRequest().getPath().value(), requestId));
        HttpHeaders headers = response.getHeaders();
        headers.remove(HttpHeaders.CONTENT_LENGTH);
        headers.remove(HttpHeaders.CONTENT_ENCODING);
        headers.remove(HttpHeaders.CONTENT_DISPOSITION);
        headers.remove(HttpHeaders.ETAG);
        headers.remove(HttpHeaders.LAST_MODIFIED);
        problem.headers().forEach(headers::set);
        headers.set(RequestIds.HEADER, requestId);
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setContentLength(body.length);
        headers.setCacheControl("no-store");
        response.setStatusCode(HttpStatusCode.valueOf(problem.status()));
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    Map<String, Object> body(Problem problem, String instance, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", typeBase + problem.code());
        body.put("title", ProblemMapper.title(problem.status()));
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        body.put("instance", instance);
        body.put("code", problem.code());
        body.put("requestId", requestId);
        if (!problem.errors().isEmpty()) {
            List<Map<String, String>> errors = new ArrayList<>();
            for (FieldViolation error : problem.errors()) {
                Map<String, String> entry = new LinkedHashMap<>();
                entry.put("field", error.field());
                entry.put("message", error.message());
                entry.put("code", error.code());
                errors.add(entry);
            }
            body.put("errors", errors);
        }
        problem.properties().forEach((name, value) -> {
            if (!RESERVED.contains(name)) {
                body.put(name, value);
            }
        });
        return body;
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
