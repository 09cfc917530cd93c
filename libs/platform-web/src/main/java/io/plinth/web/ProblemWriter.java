package io.plinth.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@link Problem} as the platform's one RFC 9457 {@code application/problem+json} body:
 * {@code type, title, status, detail, instance, code, requestId}, {@code errors[]} when there are
 * any, then the problem's extra members. The gateway and every service answer with this writer, so
 * a client parses one shape whoever answered.
 */
public final class ProblemWriter {

    public static final String DEFAULT_TYPE_BASE = "https://plinth.io/problems/";

    private static final Set<String> RESERVED = Set.of("type", "title", "status", "detail", "instance", "code",
            "requestId", "errors");

    private final JsonMapper json;
    private final String typeBase;

    /**
     * @param typeBase prefix of every problem {@code type} URI; the code is appended
     *                 (e.g. {@code https://plinth.io/problems/} + {@code insufficient_credits})
     */
    public ProblemWriter(JsonMapper json, String typeBase) {
        this.json = json;
        this.typeBase = typeBase;
    }

    public ProblemWriter(JsonMapper json) {
        this(json, DEFAULT_TYPE_BASE);
    }

    public Mono<Void> write(ServerWebExchange exchange, Problem problem) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        String requestId = RequestIds.resolve(exchange);
        byte[] body = json.writeValueAsBytes(body(problem, exchange.getRequest().getPath().value(), requestId));
        HttpHeaders headers = response.getHeaders();
        // Whatever a downstream, a handler or an earlier filter put there does not describe this answer.
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

    /** The body as an ordered map; reserved members cannot be overridden by a problem's properties. */
    public Map<String, Object> body(Problem problem, String instance, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", typeBase + problem.code());
        body.put("title", problem.title());
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
}
