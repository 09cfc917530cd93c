package io.plinth.sandbox.controls;

import io.plinth.sandbox.delivery.Hmac;
import io.plinth.sandbox.delivery.Providers;
import io.plinth.sandbox.delivery.StripeEvents;
import io.plinth.sandbox.delivery.WebhookDelivery;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /_sandbox/zoom/validate-endpoint}: what Zoom does when an app's event endpoint is saved.
 * It POSTs a signed {@code endpoint.url_validation} event with a random {@code plainToken} to the configured
 * Zoom endpoint and expects, within 3 s, 200 {@code {plainToken, encryptedToken}} where encryptedToken is
 * hex HMAC-SHA256(secret token, plainToken). Answers {@code {ok, status, latencyMs, message, …}}.
 */
@RestController
class ZoomValidationController {

    static final Duration DEADLINE = Duration.ofSeconds(3);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebhookDelivery delivery;
    private final WebClient http = WebClient.create();
    private final Clock clock = Clock.systemUTC();

    ZoomValidationController(WebhookDelivery delivery) {
        this.delivery = delivery;
    }

    @PostMapping("/_sandbox/zoom/validate-endpoint")
    Mono<Map<String, Object>> validate() {
        URI endpoint = delivery.endpoint(Providers.ZOOM);
        String plainToken = StripeEvents.newId("zv").substring(3);
        String expected = Hmac.hex(delivery.secrets(Providers.ZOOM).get(0), Hmac.utf8(plainToken));
        long now = clock.millis();
        byte[] body = JSON.writeValueAsBytes(Map.of(
                "event", "endpoint.url_validation",
                "event_ts", now,
                "payload", Map.of("plainToken", plainToken)));
        Map<String, String> headers = delivery.signer(Providers.ZOOM).sign(body, now / 1000);
        long start = System.nanoTime();
        return http.post().uri(endpoint).contentType(MediaType.APPLICATION_JSON)
                .headers(h -> headers.forEach(h::set))
                .bodyValue(body)
                .exchangeToMono(r -> r.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                        .map(answer -> judge(endpoint, plainToken, expected, r.statusCode().value(), answer, start)))
                .timeout(DEADLINE)
                .onErrorResume(e -> Mono.just(report(endpoint, false, 0, start, null, expected,
                        e instanceof java.util.concurrent.TimeoutException
                                ? "no answer within " + DEADLINE.toSeconds() + " s"
                                : "could not reach the endpoint: " + e.getMessage())));
    }

    private static Map<String, Object> judge(URI endpoint, String plainToken, String expected, int status, byte[] answer,
            long start) {
        if (status != 200) {
            return report(endpoint, false, status, start, null, expected, "the endpoint answered " + status
                    + ": " + new String(answer, StandardCharsets.UTF_8));
        }
        String token;
        String encrypted;
        try {
            JsonNode json = JSON.readTree(answer);
            token = json.path("plainToken").asString(null);
            encrypted = json.path("encryptedToken").asString(null);
        } catch (RuntimeException e) {
            return report(endpoint, false, status, start, null, expected, "the answer is not JSON");
        }
        if (!plainToken.equals(token)) {
            return report(endpoint, false, status, start, encrypted, expected, "plainToken was not echoed");
        }
        if (!expected.equals(encrypted)) {
            return report(endpoint, false, status, start, encrypted, expected,
                    "encryptedToken is not HMAC-SHA256(secret token, plainToken)");
        }
        return report(endpoint, true, status, start, encrypted, expected, "validated");
    }

    private static Map<String, Object> report(URI endpoint, boolean ok, int status, long start, String encrypted,
            String expected, String message) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("ok", ok);
        report.put("endpoint", endpoint.toString());
        report.put("status", status);
        report.put("latencyMs", Duration.ofNanos(System.nanoTime() - start).toMillis());
        report.put("encryptedToken", encrypted);
        report.put("expectedEncryptedToken", expected);
        report.put("message", message);
        return report;
    }
}
