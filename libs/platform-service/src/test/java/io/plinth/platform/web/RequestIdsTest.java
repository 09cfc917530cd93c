package io.plinth.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import reactor.core.publisher.Mono;

class RequestIdsTest {

    @Test
    void acceptsVisibleAsciiUpTo128Characters() {
        assertThat(RequestIds.isAcceptable("abc-123_XYZ.~:/")).isTrue();
        assertThat(RequestIds.isAcceptable("a".repeat(128))).isTrue();
        assertThat(RequestIds.isAcceptable("a".repeat(129))).isFalse();
        assertThat(RequestIds.isAcceptable("")).isFalse();
        assertThat(RequestIds.isAcceptable(null)).isFalse();
        assertThat(RequestIds.isAcceptable("has space")).isFalse();
        assertThat(RequestIds.isAcceptable("line\nbreak")).isFalse();
        assertThat(RequestIds.isAcceptable("caf\u00e9")).isFalse();
    }

    @Test
    void filterKeepsASaneIdAndPutsItInTheReactorContext() {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/").header(RequestIds.HEADER, "gw-42"));
        String[] seenInContext = new String[1];

        new RequestIdWebFilter().filter(exchange, ex -> Mono.deferContextual(context -> {
            seenInContext[0] = context.get(RequestIds.MDC_KEY);
            return Mono.empty();
        })).block();

        assertThat(seenInContext[0]).isEqualTo("gw-42");
        assertThat(RequestIds.get(exchange)).contains("gw-42");
        assertThat(exchange.getResponse().getHeaders().getFirst(RequestIds.HEADER)).isEqualTo("gw-42");
    }

    @Test
    void filterReplacesAnUnsafeId() {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/").header(RequestIds.HEADER, "x".repeat(500)));

        new RequestIdWebFilter().filter(exchange, ex -> Mono.empty()).block();

        String id = exchange.getResponse().getHeaders().getFirst(RequestIds.HEADER);
        assertThat(id).isNotNull().hasSize(36);
        assertThat(RequestIds.get(exchange)).contains(id);
    }

    @Test
    void threadLocalAccessorMapsToTheMdc() {
        RequestIdThreadLocalAccessor accessor = new RequestIdThreadLocalAccessor();
        accessor.setValue("req-1");
        assertThat(org.slf4j.MDC.get("requestId")).isEqualTo("req-1");
        assertThat(accessor.getValue()).isEqualTo("req-1");
        accessor.setValue();
        assertThat(org.slf4j.MDC.get("requestId")).isNull();
    }
}
