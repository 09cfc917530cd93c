package io.plinth.payment.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The tests' hands on the sandbox: the buyer's browser, the Stripe dashboard, and its fault switch. */
public final class Sandbox {

    public static final String SECRET_KEY = "sk_test_plinth_it";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    public Sandbox(URI base) {
        this.base = base;
    }

    public URI base() {
        return base;
    }

    /** Submits the hosted Checkout page's form, as the buyer's browser would; answers the HTTP status. */
    public int payCheckout(String checkoutUrl, String cardNumber) {
        String form = "card_number=" + URLEncoder.encode(cardNumber, StandardCharsets.UTF_8) + "&exp=12%2F34&cvc=123";
        return send(HttpRequest.newBuilder(URI.create(checkoutUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build()).statusCode();
    }

    public HttpResponse<String> get(String pathOrUrl) {
        return send(HttpRequest.newBuilder(base.resolve(pathOrUrl)).GET().build());
    }

    /** A Stripe API object, read the way the dashboard would. */
    public JsonNode stripeGet(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + SECRET_KEY).GET().build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** A sandbox control's JSON answer (no auth), failing on anything but 200. */
    public JsonNode stripeGetRaw(String path) {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** A sandbox control's JSON answer, or null while it answers 404. */
    public JsonNode getJson(String path) {
        HttpResponse<String> response = get(path);
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    public void post(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve(path))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** A form-encoded Stripe API call, as the dashboard or another integration would make it. */
    public JsonNode stripePost(String path, String form) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + SECRET_KEY)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The raw JSON of the Stripe events about one payment (by our metadata or the session id), oldest first. */
    public List<String> stripeEventsAbout(String paymentId, String sessionId) {
        JsonNode list = stripeGet("/v1/events?limit=100");
        List<String> events = new ArrayList<>();
        for (JsonNode event : list.get("data")) {
            JsonNode object = event.get("data").get("object");
            boolean ours = paymentId.equals(object.path("metadata").path("paymentId").asText(""))
                    || paymentId.equals(object.path("parent").path("subscription_details").path("metadata")
                            .path("paymentId").asText(""))
                    || sessionId.equals(object.path("id").asText(""));
            if (ours) {
                events.add(0, JSON.writeValueAsString(event));
            }
        }
        return events;
    }

    /** The provider's next {@code times} calls wait {@code latencyMs}, then fail with {@code status} (null: answer normally). */
    /** The events raised since {@code known} was read (by raw JSON), oldest first. */
    public List<String> newEventsAbout(String paymentId, String sessionId, List<String> known) {
        return stripeEventsAbout(paymentId, sessionId).stream().filter(e -> !known.contains(e)).toList();
    }

    /** Like Stripe's clock reaching a subscription's period end. */
    public void endSubscription(String subscriptionId) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                base.resolve("/_sandbox/stripe/subscriptions/" + subscriptionId + "/end"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("ending " + subscriptionId + " answered " + response.statusCode());
        }
    }

    public void armFault(String provider, Integer status, int times, long latencyMs) {
        Map<String, Object> fault = new java.util.LinkedHashMap<>();
        if (status != null) {
            fault.put("status", status);
        }
        fault.put("times", times);
        fault.put("latencyMs", latencyMs);
        String body = JSON.writeValueAsString(fault);
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/_sandbox/" + provider + "/faults"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("arming a fault answered " + response.statusCode() + ": " + response.body());
        }
    }

    public void clearFault(String provider) {
        send(HttpRequest.newBuilder(base.resolve("/_sandbox/" + provider + "/faults")).DELETE().build());
    }

    public static JsonNode json(String raw) {
        return JSON.readTree(raw);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
