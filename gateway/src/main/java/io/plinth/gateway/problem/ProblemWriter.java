package io.plinth.gateway.problem;

import io.plinth.gateway.requestid.RequestId;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the platform's RFC 9457 body for errors the gateway answers itself. The gateway is not a
 * database service and does not pull in libs/platform-service, so it keeps this small writer; the
 * shape (type, title, status, detail, code, requestId, instance) matches the services' own.
 */
@Component
public class ProblemWriter {

    public static final String TYPE_BASE = "https://plinth.io/problems/";

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, GatewayProblem problem) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(problem.status());
        // Whatever a downstream or an earlier filter put there does not describe this answer.
        response.getHeaders().remove("Content-Encoding");
        response.getHeaders().remove("Content-Length");
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        problem.headers().forEach(response.getHeaders()::set);
        String requestId = RequestId.of(exchange);
        if (requestId != null) {
            response.getHeaders().set(RequestId.HEADER, requestId);
        }
        Body body = new Body(TYPE_BASE + problem.code(), problem.status().getReasonPhrase(), problem.status().value(),
                problem.detail(), problem.code(), requestId, exchange.getRequest().getPath().value());
        DataBuffer buffer = response.bufferFactory().wrap(json.writeValueAsBytes(body));
        return response.writeWith(Mono.just(buffer));
    }

    record Body(String type, String title, int status, String detail, String code, String requestId,
                String instance) {
    }
}
