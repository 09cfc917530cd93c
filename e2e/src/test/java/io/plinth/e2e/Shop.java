package io.plinth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

/**
 * A buyer's and a support admin's calls through the gateway, and the provider's side played on the sandbox (hosted
 * pages, event resends, faults), as the payment e2e tests make them.
 */
final class Shop {

    private static final String PASSWORD = "correct horse battery";

    private final URI gateway;
    private final URI sandbox;

    Shop(URI gateway, URI sandbox) {
        this.gateway = gateway;
        this.sandbox = sandbox;
    }

    /** A new user's access token. */
    String newUser() {
        String email = "buyer-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> registered = send(json(gateway.resolve("/api/v1/auth/register"),
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}"));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return login(email, PASSWORD);
    }

    String login(String email, String password) {
        HttpResponse<String> login = send(json(gateway.resolve("/api/v1/auth/login"),
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return JsonPath.read(login.body(), "$.accessToken");
    }

    HttpResponse<String> checkout(String token, String priceId, String mode, String idempotencyKey) {
        return send(json(gateway.resolve("/api/v1/payments/checkout"),
                "{\"priceId\":\"" + priceId + "\",\"mode\":\"" + mode + "\",\"successUrl\":\"https://app.example.com/ok\","
                        + "\"cancelUrl\":\"https://app.example.com/cancel\"}")
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", idempotencyKey));
    }

    /** A checkout that must succeed: its body ({@code paymentId, sessionId, url}). */
    String checkout(String token, String priceId, String mode) {
        HttpResponse<String> response = checkout(token, priceId, mode, UUID.randomUUID().toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response.body();
    }

    HttpResponse<String> pipit(String token, String body) {
        return send(json(gateway.resolve("/api/v1/payments/pipit"), body)
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", UUID.randomUUID().toString()));
    }

    /** The buyer submits a hosted payment page (Stripe Checkout's or Pipit's) with a test card. */
    int pay(String pageUrl, String card) {
        return send(HttpRequest.newBuilder(URI.create(pageUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("card_number=" + card.replace(' ', '+') + "&exp=12%2F34&cvc=123")))
                .statusCode();
    }

    HttpResponse<String> refund(String adminToken, String paymentId, long amountMinor) {
        return send(json(gateway.resolve("/api/v1/admin/payments/" + paymentId + "/refund"),
                "{\"amount\":" + amountMinor + ",\"reason\":\"requested_by_customer\"}")
                .header("Authorization", "Bearer " + adminToken)
                .header("Idempotency-Key", UUID.randomUUID().toString()));
    }

    HttpResponse<String> get(String token, String path) {
        return send(HttpRequest.newBuilder(gateway.resolve(path)).header("Authorization", "Bearer " + token).GET());
    }

    HttpResponse<String> post(String token, String path) {
        return send(HttpRequest.newBuilder(gateway.resolve(path)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** The wallet's balance, or -1 while credit-service does not answer. */
    long balance(String token) {
        HttpResponse<String> response = get(token, "/api/v1/credits/balance");
        return response.statusCode() == 200 ? ((Number) JsonPath.read(response.body(), "$.balance")).longValue() : -1;
    }

    String tier(String token) {
        HttpResponse<String> response = get(token, "/api/v1/credits/balance");
        return response.statusCode() == 200 ? JsonPath.read(response.body(), "$.tier") : null;
    }

    String paymentStatus(String token, String paymentId) {
        HttpResponse<String> response = get(token, "/api/v1/payments/" + paymentId);
        return response.statusCode() == 200 ? JsonPath.read(response.body(), "$.status") : null;
    }

    /** Ids of the sandbox's recent events of {@code provider} whose body mentions any of {@code about}, newest first. */
    List<String> sandboxEvents(String provider, String... about) {
        String pattern = String.join("|", about);
        return JsonPath.read(send(HttpRequest.newBuilder(sandbox.resolve("/_sandbox/" + provider + "/events?limit=100"))
                .GET()).body(), "$.data[?(@.body =~ /.*(" + pattern + ").*/)].id");
    }

    HttpResponse<String> sandbox(String method, String path, String jsonBody) {
        return send(HttpRequest.newBuilder(sandbox.resolve(path)).header("Content-Type", "application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    static HttpRequest.Builder json(URI uri, String body) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        return Gateway.send(request);
    }
}
