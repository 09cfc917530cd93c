package io.plinth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** A client app's calls through the gateway, as the outage tests make them. */
final class Gateway {

    static final String PASSWORD = "correct horse battery";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;

    Gateway(URI base) {
        this.base = base;
    }

    /** A registered user: its id and email. */
    record User(String id, String email) {
    }

    HttpResponse<String> register(String email) {
        return post("/api/v1/auth/register", null, null, "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
    }

    User registerNewUser() {
        String email = "e2e-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> registered = register(email);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return new User(JsonPath.read(registered.body(), "$.userId"), email);
    }

    HttpResponse<String> login(String email, String password) {
        return post("/api/v1/auth/login", null, null, "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }

    String token(String email, String password) {
        HttpResponse<String> login = login(email, password);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return JsonPath.read(login.body(), "$.accessToken");
    }

    HttpResponse<String> balance(String token) {
        return send(HttpRequest.newBuilder(base.resolve("/api/v1/credits/balance"))
                .header("Authorization", "Bearer " + token).GET());
    }

    HttpResponse<String> transactions(String token) {
        return send(HttpRequest.newBuilder(base.resolve("/api/v1/credits/transactions"))
                .header("Authorization", "Bearer " + token).GET());
    }

    HttpResponse<String> consume(String token, String idempotencyKey, int credits) {
        return post("/api/v1/credits/consume", token, idempotencyKey,
                "{\"credits\":" + credits + ",\"service\":\"e2e-outage\"}");
    }

    HttpResponse<String> grant(String adminToken, String userId, String idempotencyKey, int credits) {
        return post("/api/v1/admin/credits/" + userId + "/grant", adminToken, idempotencyKey,
                "{\"credits\":" + credits + ",\"reason\":\"e2e\"}");
    }

    /** A service's outbox backlog, as platform admins read it ({@code unpublished}, {@code oldestAgeSeconds}). */
    HttpResponse<String> outbox(String token, String service) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/v1/admin/services/" + service + "/outbox")).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    /** The OpenAPI document of a service through the gateway: 200 once the gateway routes to it. */
    HttpResponse<String> docs(String service) {
        return send(HttpRequest.newBuilder(base.resolve("/docs/" + service + "/v3/api-docs")).GET());
    }

    private HttpResponse<String> post(String path, String token, String idempotencyKey, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            // Longer than any route's time limit (10 s): a hang shows as the gateway's answer, not ours.
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
