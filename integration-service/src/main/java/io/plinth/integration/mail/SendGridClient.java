package io.plinth.integration.mail;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SendGrid's v3 Mail Send over HTTP (PROVIDERS.md): {@code POST /v3/mail/send} with the key as Bearer. 2xx → sent
 * (202 with {@code X-Message-Id}; 200 in sandbox mode); 429 and 5xx, a timeout or no answer → retry later (after
 * {@code Retry-After} or {@code X-RateLimit-Reset} when given); 401/403 → retry later too (the key may be fixed
 * meanwhile); any other 4xx → refused for good, with SendGrid's reason ({@code errors[0].message}).
 */
final class SendGridClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_REASON = 300;

    private final WebClient http;
    private final URI send;
    private final Duration timeout;

    SendGridClient(WebClient http, URI baseUrl, Duration timeout) {
        this.http = http;
        this.send = baseUrl.resolve("/v3/mail/send");
        this.timeout = timeout;
    }

    Mono<SendOutcome> send(String apiKey, OutgoingMail mail) {
        return http.post().uri(send)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(JSON.writeValueAsString(body(mail)))
                .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                        .map(text -> outcome(response, text)))
                .timeout(timeout)
                .onErrorResume(e -> Mono.just(new SendOutcome.Retry(e instanceof TimeoutException
                        ? "SendGrid did not answer within " + timeout.toMillis() + " ms"
                        : "could not reach SendGrid: " + clip(String.valueOf(e.getMessage())), null)));
    }

    static Map<String, Object> body(OutgoingMail mail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("personalizations", List.of(Map.of("to", List.of(Map.of("email", mail.to())))));
        body.put("from", Map.of("email", mail.fromEmail(), "name", mail.fromName()));
        body.put("subject", mail.subject());
        List<Map<String, String>> content = new ArrayList<>();
        content.add(Map.of("type", "text/plain", "value", mail.text()));
        content.add(Map.of("type", "text/html", "value", mail.html()));
        body.put("content", content);
        body.put("mail_settings", Map.of("sandbox_mode", Map.of("enable", mail.sandboxMode())));
        return body;
    }

    private static SendOutcome outcome(ClientResponse response, String text) {
        int status = response.statusCode().value();
        if (status >= 200 && status < 300) {
            return new SendOutcome.Sent("sendgrid", response.headers().asHttpHeaders().getFirst("X-Message-Id"));
        }
        String reason = "SendGrid answered " + status + reason(text);
        if (status == 429 || status >= 500 || status == 401 || status == 403) {
            return new SendOutcome.Retry(reason, retryAfter(response.headers().asHttpHeaders()));
        }
        return new SendOutcome.Rejected(reason);
    }

    /** {@code Retry-After} in seconds, or SendGrid's {@code X-RateLimit-Reset} (epoch seconds). */
    static Duration retryAfter(HttpHeaders headers) {
        try {
            String after = headers.getFirst("Retry-After");
            if (after != null) {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(after.trim())));
            }
            String reset = headers.getFirst("X-RateLimit-Reset");
            if (reset != null) {
                long wait = Long.parseLong(reset.trim()) - System.currentTimeMillis() / 1000;
                return Duration.ofSeconds(Math.max(0, wait));
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static String reason(String text) {
        try {
            JsonNode errors = text.isBlank() ? null : JSON.readTree(text).get("errors");
            if (errors != null && errors.isArray() && !errors.isEmpty() && errors.get(0).hasNonNull("message")) {
                JsonNode first = errors.get(0);
                return ": " + clip(first.get("message").asString("")
                        + (first.hasNonNull("field") ? " (" + first.get("field").asString("") + ")" : ""));
            }
        } catch (RuntimeException e) {
            return ": " + clip(text);
        }
        return text.isBlank() ? "" : ": " + clip(text);
    }

    private static String clip(String s) {
        return s.length() <= MAX_REASON ? s : s.substring(0, MAX_REASON) + "…";
    }
}
