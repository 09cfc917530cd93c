package io.plinth.web;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/** One request-id rule for the gateway and the services (they had drifted apart). */
class RequestIdsTest {

    @Test
    void acceptsSafeIdsUpTo128Characters() {
        assertThat(RequestIds.isAcceptable("abc-123_XYZ.~:/")).isTrue();
        assertThat(RequestIds.isAcceptable("req-1.2_3:abc")).isTrue();
        assertThat(RequestIds.isAcceptable("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).isTrue();
        assertThat(RequestIds.isAcceptable("a".repeat(128))).isTrue();
    }

    @Test
    void replacesMissingOverlongOrUnsafeIds() {
        for (String bad : new String[] {null, "", "a b", "line\nbreak", "x\r\nSet-Cookie: y", "caf\u00e9",
                "quote\"d", "<script>", "a".repeat(129)}) {
            assertThat(RequestIds.isAcceptable(bad)).as(String.valueOf(bad)).isFalse();
            String id = RequestIds.acceptOrGenerate(bad);
            assertThat(id).isNotEqualTo(bad);
            assertThat(UUID.fromString(id).version()).isEqualTo(4);
        }
    }

    @Test
    void generatedIdsAreVersion4UuidsAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            UUID id = UUID.fromString(RequestIds.generate());
            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
            seen.add(id.toString());
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void filterKeepsASaneIdAndPutsItInTheReactorContext() {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/").header(RequestIds.HEADER, "gw-42"));
        String[] seenInContext = new String[1];

        new RequestIdWebFilter(0).filter(exchange, ex -> Mono.deferContextual(context -> {
            seenInContext[0] = context.get(RequestIds.MDC_KEY);
            return Mono.empty();
        })).block();

        assertThat(seenInContext[0]).isEqualTo("gw-42");
        assertThat(RequestIds.get(exchange)).contains("gw-42");
        assertThat(exchange.getResponse().getHeaders().getFirst(RequestIds.HEADER)).isEqualTo("gw-42");
    }

    @Test
    void filterReplacesAnUnsafeIdAndForwardsTheNewOne() {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/").header(RequestIds.HEADER, "x".repeat(500)));
        String[] forwarded = new String[1];

        new RequestIdWebFilter(0).filter(exchange, ex -> {
            forwarded[0] = ex.getRequest().getHeaders().getFirst(RequestIds.HEADER);
            return Mono.empty();
        }).block();

        String id = exchange.getResponse().getHeaders().getFirst(RequestIds.HEADER);
        assertThat(id).isNotNull().hasSize(36);
        assertThat(RequestIds.get(exchange)).contains(id);
        assertThat(forwarded[0]).isEqualTo(id);
    }
}
