package io.plinth.gateway.edge;

import java.util.concurrent.atomic.AtomicBoolean;

import io.plinth.gateway.GatewayFilterOrder;
import io.plinth.gateway.problem.GatewayProblems;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * 413 for any request body past the limit, webhooks included. A declared {@code Content-Length}
 * is checked before a byte is read. A chunked body has no declared size, so it is read up to the
 * limit first and forwarded with a {@code Content-Length} only when it fits: a service never sees
 * half of an oversized body. Buffering is bounded by the limit (1 MB by default).
 */
class BodySizeLimitFilter implements WebFilter, Ordered {

    private final long maxBytes;

    BodySizeLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long declared = request.getHeaders().getContentLength();
        if (declared > maxBytes) {
            return Mono.error(GatewayProblems.payloadTooLarge(maxBytes).exception());
        }
        if (declared >= 0 || !request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return chain.filter(exchange);
        }
        return DataBufferUtils.join(request.getBody(), (int) Math.min(maxBytes, Integer.MAX_VALUE))
                .onErrorMap(DataBufferLimitException.class, e -> GatewayProblems.payloadTooLarge(maxBytes).exception())
                .map(body -> new Buffered(body, body.readableByteCount()))
                .defaultIfEmpty(new Buffered(null, 0))
                .flatMap(buffered -> forward(exchange, chain, buffered));
    }

    private static Mono<Void> forward(ServerWebExchange exchange, WebFilterChain chain, Buffered buffered) {
        ServerHttpRequest sized = exchange.getRequest().mutate().headers(headers -> {
            headers.remove(HttpHeaders.TRANSFER_ENCODING);
            headers.setContentLength(buffered.length());
        }).build();
        AtomicBoolean consumed = new AtomicBoolean();
        ServerHttpRequest withBody = new ServerHttpRequestDecorator(sized) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> buffered.body() == null || !consumed.compareAndSet(false, true)
                        ? Flux.empty() : Flux.just(buffered.body()));
            }
        };
        return chain.filter(exchange.mutate().request(withBody).build())
                .doFinally(signal -> {
                    // Routed bodies are released by the proxy; one nobody read must be released here.
                    if (buffered.body() != null && consumed.compareAndSet(false, true)) {
                        DataBufferUtils.release(buffered.body());
                    }
                });
    }

    private record Buffered(DataBuffer body, int length) {
    }

    @Override
    public int getOrder() {
        return GatewayFilterOrder.BODY_SIZE_LIMIT;
    }
}
