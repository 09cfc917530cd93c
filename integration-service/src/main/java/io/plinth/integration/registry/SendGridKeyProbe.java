package io.plinth.integration.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SendGrid's API-key check: {@code GET /v3/scopes} with the key as Bearer lists what the key may do and sends
 * nothing. OK only if the key is accepted and may send mail ({@code mail.send}); a refused key gives SendGrid's own
 * reason ({@code errors[0].message}); a timeout, an unreachable host or an answer that is not SendGrid's shape give
 * {@code ok:false} saying so.
 */
@Component
class SendGridKeyProbe implements ConnectionProbe {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_REASON = 300;

    private final WebClient http;
    private final URI scopes;
    private final Duration timeout;

    SendGridKeyProbe(RegistryProperties properties) {
        this.http = WebClient.create();
        this.scopes = properties.sendgrid().baseUrl().resolve("/v3/scopes");
        this.timeout = properties.testTimeout();
    }

    @Override
    public IntegrationKey integration() {
        return IntegrationKey.SENDGRID;
    }

    @Override
    public Mono<TestResult> check(Map<String, String> credentials) {
        return Mono.defer(() -> {
            long started = System.nanoTime();
            return http.get().uri(scopes)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + credentials.get("apiKey"))
                    .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                            .map(body -> answer(response.statusCode().value(), body)))
                    .timeout(timeout)
                    .onErrorResume(e -> Mono.just(failure(e)))
                    .map(v -> new TestResult(v.ok, (System.nanoTime() - started) / 1_000_000, v.message));
        });
    }

    record Answer(boolean ok, String message) {
    }

    private Answer failure(Throwable e) {
        if (e instanceof TimeoutException) {
            return new Answer(false, "SendGrid did not answer within " + timeout.toMillis() + " ms.");
        }
        return new Answer(false, "Could not reach SendGrid: " + clip(String.valueOf(e.getMessage())));
    }

    static Answer answer(int status, String body) {
        JsonNode json = parse(body);
        if (status == 200) {
            JsonNode scopes = json == null ? null : json.get("scopes");
            if (scopes == null || !scopes.isArray()) {
                return new Answer(false, "SendGrid answered 200 without a scopes list: not SendGrid's answer.");
            }
            for (JsonNode scope : scopes) {
                if ("mail.send".equals(scope.asString(""))) {
                    return new Answer(true, "API key accepted; it may send mail (" + scopes.size() + " scopes).");
                }
            }
            return new Answer(false, "API key accepted, but it lacks the mail.send scope.");
        }
        String reason = reason(json);
        if (status == 401 || status == 403) {
            return new Answer(false, "SendGrid refused the API key (" + status + "): " + (reason == null ? "no reason given" : reason));
        }
        return new Answer(false, "SendGrid answered " + status + (reason == null ? "." : ": " + reason));
    }

    /** SendGrid errors look like {@code {"errors":[{"field":null,"message":"…"}]}}. */
    private static String reason(JsonNode json) {
        JsonNode errors = json == null ? null : json.get("errors");
        if (errors != null && errors.isArray() && !errors.isEmpty() && errors.get(0).hasNonNull("message")) {
            return clip(errors.get(0).get("message").asString(""));
        }
        return null;
    }

    private static JsonNode parse(String body) {
        try {
            return body.isBlank() ? null : JSON.readTree(body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String clip(String s) {
        return s.length() <= MAX_REASON ? s : s.substring(0, MAX_REASON) + "…";
    }
}
