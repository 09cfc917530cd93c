package io.plinth.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.plinth.web.RequestIds;
import io.plinth.platform.web.testapp.PlatformWebIT;

/** Every error class, raised in a real context, answers RFC 9457 problem+json with a stable code. */
class ProblemJsonIT extends PlatformWebIT {

    private static final String VALID_ORDER = """
            {"email":"ada@example.com","credits":5,"items":[{"priceId":"price_1","quantity":1}]}""";

    private WebTestClient.BodyContentSpec problem(WebTestClient.ResponseSpec response, int status, String code) {
        return response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists(RequestIds.HEADER)
                .expectBody()
                .jsonPath("$.status").isEqualTo(status)
                .jsonPath("$.code").isEqualTo(code)
                .jsonPath("$.type").isEqualTo("https://plinth.io/problems/" + code)
                .jsonPath("$.title").exists()
                .jsonPath("$.detail").exists()
                .jsonPath("$.instance").exists()
                .jsonPath("$.requestId").exists();
    }

    @Test
    void validOrderIsAcceptedSoTheErrorCasesBelowAreAboutTheirInputOnly() {
        client().post().uri("/test/orders").contentType(MediaType.APPLICATION_JSON).bodyValue(VALID_ORDER)
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.items[0].priceId").isEqualTo("price_1");
    }

    @Test
    void malformedJsonIs400MalformedJson() {
        problem(client().post().uri("/test/orders").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\": \"ada@example.com\", ").exchange(), 400, "malformed_json")
                .jsonPath("$.instance").isEqualTo("/test/orders");
    }

    @Test
    void stringForANumberIs400NamingTheField() {
        problem(client().post().uri("/test/orders").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\":\"ada@example.com\",\"credits\":\"lots\",\"items\":[]}").exchange(),
                400, "malformed_body")
                .jsonPath("$.errors[0].field").isEqualTo("credits")
                .jsonPath("$.errors[0].code").isEqualTo("invalid_type")
                .jsonPath("$.errors[0].message").isEqualTo("must be an integer");
    }

    @Test
    void wrongTypeInsideAnArrayNamesTheJsonPath() {
        problem(client().post().uri("/test/orders").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\":\"ada@example.com\",\"credits\":1,\"items\":[{\"priceId\":{},\"quantity\":1}]}")
                .exchange(), 400, "malformed_body")
                .jsonPath("$.errors[0].field").isEqualTo("items[0].priceId");
    }

    @Test
    void missingBodyIs400MissingBody() {
        problem(client().post().uri("/test/orders").contentType(MediaType.APPLICATION_JSON).exchange(),
                400, "missing_body");
    }

    @Test
    void beanValidationIs422WithOneErrorPerField() {
        problem(client().post().uri("/test/orders").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\":\"not-an-email\",\"credits\":0,\"items\":[{\"priceId\":\"\",\"quantity\":1}]}")
                .exchange(), 422, "validation_failed")
                .jsonPath("$.errors.length()").isEqualTo(3)
                .jsonPath("$.errors[?(@.field == 'email')].code").isEqualTo("email")
                .jsonPath("$.errors[?(@.field == 'credits')].code").isEqualTo("positive")
                .jsonPath("$.errors[?(@.field == 'items[0].priceId')].code").isEqualTo("not_blank")
                .jsonPath("$.errors[?(@.field == 'items[0].priceId')].message").isEqualTo("must not be blank");
    }

    @Test
    void constraintOnAQueryParameterIs422NamingTheParameter() {
        problem(client().get().uri("/test/items?limit=0").exchange(), 422, "validation_failed")
                .jsonPath("$.errors[0].field").isEqualTo("limit")
                .jsonPath("$.errors[0].code").isEqualTo("min");
    }

    @Test
    void unparseableQueryParameterIs400() {
        problem(client().get().uri("/test/items?limit=many").exchange(), 400, "invalid_parameter")
                .jsonPath("$.errors[0].field").isEqualTo("limit");
    }

    @Test
    void missingQueryParameterIs400() {
        problem(client().get().uri("/test/items").exchange(), 400, "missing_parameter")
                .jsonPath("$.errors[0].field").isEqualTo("limit");
    }

    @Test
    void unknownRouteIs404() {
        problem(client().get().uri("/no/such/route").exchange(), 404, "not_found");
    }

    @Test
    void wrongMethodIs405WithAllow() {
        problem(client().delete().uri("/test/orders").exchange(), 405, "method_not_allowed");
        client().delete().uri("/test/orders").exchange().expectHeader().valueEquals(HttpHeaders.ALLOW, "POST");
    }

    @Test
    void unsupportedMediaTypeIs415() {
        problem(client().post().uri("/test/orders").contentType(MediaType.TEXT_PLAIN).bodyValue("hello").exchange(),
                415, "unsupported_media_type");
    }

    @Test
    void bodyOverOneMegabyteIs413() {
        String padding = "x".repeat(1_100_000);
        String body = "{\"email\":\"ada@example.com\",\"credits\":1,\"items\":[{\"priceId\":\"" + padding
                + "\",\"quantity\":1}]}";
        problem(client().post().uri("/test/orders").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange(),
                413, "payload_too_large");
    }

    @Test
    void apiExceptionKeepsItsStatusCodeAndProperties() {
        problem(client().get().uri("/test/insufficient").exchange(), 402, "insufficient_credits")
                .jsonPath("$.detail").isEqualTo("Balance 3 is below 5.")
                .jsonPath("$.balance").isEqualTo(3);
    }

    @Test
    void retryAfterBecomesAHeader() {
        problem(client().get().uri("/test/limited").exchange(), 429, "daily_limit_reached");
        client().get().uri("/test/limited").exchange().expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5400");
    }

    @Test
    void responseStatusExceptionKeepsItsReason() {
        problem(client().get().uri("/test/status").exchange(), 409, "conflict")
                .jsonPath("$.detail").isEqualTo("The video is already rendering.");
    }

    @Test
    void unexpectedExceptionIs500WithoutInternals() {
        byte[] body = client().get().uri("/test/boom").exchange()
                .expectStatus().isEqualTo(500)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("internal_error")
                .returnResult().getResponseBody();
        String text = new String(body);
        assertThat(text).doesNotContain("postgres", "secret", "IllegalStateException", "at io.plinth");
    }

    @Test
    void errorRaisedInAWebFilterIsAProblemToo() {
        problem(client().get().uri("/test/filter-forbidden").exchange(), 403, "forbidden")
                .jsonPath("$.detail").isEqualTo("Filters can refuse too.");
        byte[] body = client().get().uri("/test/filter-boom").exchange()
                .expectStatus().isEqualTo(500).expectBody().returnResult().getResponseBody();
        assertThat(new String(body)).contains("internal_error").doesNotContain("filter internals");
    }
}
