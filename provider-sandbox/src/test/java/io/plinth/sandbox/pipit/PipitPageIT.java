package io.plinth.sandbox.pipit;

import static org.assertj.core.api.Assertions.assertThat;

import io.plinth.sandbox.SandboxTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Pipit's hosted payment page, as the buyer's browser sees it. */
class PipitPageIT extends SandboxTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void thePageShowsTheAmountInMajorUnitsLikeStripesCheckout() throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/payments"))
                .header("Authorization", "Bearer pipit_test_page").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":500,\"currency\":\"usd\","
                        + "\"success_url\":\"https://app.example.com/paid\",\"cancel_url\":\"https://app.example.com/shop\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(
                URI.create(JSON.readTree(created.body()).get("payment_url").asString())).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Pay 5.00 USD</h1>").doesNotContain("500 usd");
    }
}
