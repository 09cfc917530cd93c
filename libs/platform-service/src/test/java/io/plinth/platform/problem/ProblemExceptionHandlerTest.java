package io.plinth.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import io.plinth.web.RequestIds;
import tools.jackson.databind.json.JsonMapper;

/** Rendering of a problem on an in-memory exchange: shape, headers, no internals. */
class ProblemExceptionHandlerTest {

    private final ProblemExceptionHandler handler =
            new ProblemExceptionHandler(new ProblemMapper(), JsonMapper.shared(), "https://plinth.io/problems/");

    @SuppressWarnings("unchecked")
    private Map<String, Object> bodyOf(MockServerWebExchange exchange) {
        String json = exchange.getResponse().getBodyAsString().block();
        return JsonMapper.shared().readValue(json, Map.class);
    }

    @Test
    void rendersRfc9457WithCodeInstanceAndRequestId() {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/v1/credits/balance").header(RequestIds.HEADER, "req-7"));

        handler.handle(exchange, new ApiException(HttpStatus.PAYMENT_REQUIRED, "insufficient_credits", "Balance 3 < 5")
                .withProperty("balance", 3).withProperty("code", "overridden?")).block();

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.PAYMENT_REQUIRED);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(exchange.getResponse().getHeaders().getFirst(RequestIds.HEADER)).isEqualTo("req-7");
        assertThat(bodyOf(exchange))
                .containsEntry("type", "https://plinth.io/problems/insufficient_credits")
                .containsEntry("title", "Payment Required")
                .containsEntry("status", 402)
                .containsEntry("detail", "Balance 3 < 5")
                .containsEntry("instance", "/api/v1/credits/balance")
                .containsEntry("code", "insufficient_credits")
                .containsEntry("requestId", "req-7")
                .containsEntry("balance", 3)
                .doesNotContainKey("errors");
    }

    @Test
    void retryAfterIsSentAsAHeader() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/x"));

        handler.handle(exchange, ApiException.serviceUnavailable("provider_down", "Stripe is down",
                java.time.Duration.ofSeconds(30))).block();

        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("30");
        assertThat(exchange.getResponse().getHeaders().getFirst(RequestIds.HEADER)).isNotBlank();
    }

    @Test
    void unexpectedErrorsLeakNothing() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/x"));

        handler.handle(exchange, new NullPointerException("Cannot invoke \"io.plinth.Secret.key()\"")).block();

        String json = exchange.getResponse().getBodyAsString().block();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(json).contains("internal_error").doesNotContain("Secret", "NullPointer", "at io.");
    }
}
