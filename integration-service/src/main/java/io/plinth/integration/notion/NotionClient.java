package io.plinth.integration.notion;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notion's API over HTTP (PROVIDERS.md): {@code Authorization: Bearer <token>}, {@code Notion-Version}; every call
 * waits its turn under the per-token {@link RateLimiter} first, and a 429 pauses that token for its
 * {@code Retry-After}. Never errors: every answer or failure is a {@link NotionResult}.
 */
final class NotionClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_REASON = 300;

    private final WebClient http;
    private final URI base;
    private final String version;
    private final RateLimiter limiter;
    private final Duration timeout;

    NotionClient(WebClient http, URI base, String version, RateLimiter limiter, Duration timeout) {
        this.http = http;
        this.base = base;
        this.version = version;
        this.limiter = limiter;
        this.timeout = timeout;
    }

    Mono<NotionResult> createPage(String token, String databaseId, Map<String, Object> properties) {
        return call(token, HttpMethod.POST, "/v1/pages",
                Map.of("parent", Map.of("database_id", databaseId), "properties", properties));
    }

    Mono<NotionResult> updatePage(String token, String pageId, Map<String, Object> properties) {
        return call(token, HttpMethod.PATCH, "/v1/pages/" + pageId, Map.of("properties", properties));
    }

    /** The pages of a database whose rich-text {@code property} equals {@code value}. */
    Mono<NotionResult> findPages(String token, String databaseId, String property, String value) {
        return call(token, HttpMethod.POST, "/v1/databases/" + databaseId + "/query",
                Map.of("filter", Map.of("property", property, "rich_text", Map.of("equals", value)), "page_size", 10));
    }

    Mono<NotionResult> retrieveDatabase(String token, String databaseId) {
        return call(token, HttpMethod.GET, "/v1/databases/" + databaseId, null);
    }

    Mono<NotionResult> me(String token) {
        return call(token, HttpMethod.GET, "/v1/users/me", null);
    }

    private Mono<NotionResult> call(String token, HttpMethod method, String path, Object body) {
        return limiter.run(token, () -> {
            WebClient.RequestBodySpec request = http.method(method).uri(base.resolve(path))
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .header("Notion-Version", version);
            WebClient.RequestHeadersSpec<?> ready = body == null ? request
                    : request.contentType(MediaType.APPLICATION_JSON).bodyValue(JSON.writeValueAsString(body));
            return ready.exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                            .map(text -> result(token, response, text)))
                    .timeout(timeout)
                    .onErrorResume(e -> Mono.just(new NotionResult.Retry(e instanceof TimeoutException
                            ? "Notion did not answer within " + timeout.toMillis() + " ms"
                            : "could not reach Notion: " + clip(String.valueOf(e.getMessage())), null)));
        });
    }

    private NotionResult result(String token, ClientResponse response, String text) {
        int status = response.statusCode().value();
        JsonNode json = parse(text);
        if (status >= 200 && status < 300) {
            return json == null || !json.isObject()
                    ? new NotionResult.Retry("Notion answered " + status + " with something that is not JSON", null)
                    : new NotionResult.Ok(json);
        }
        String code = json == null ? null : json.path("code").asString(null);
        String reason = "Notion answered " + status + (code == null ? "" : " " + code)
                + (json != null && json.hasNonNull("message") ? ": " + clip(json.get("message").asString("")) : "");
        if (status == 429 || status >= 500) {
            Duration after = retryAfter(response.headers().asHttpHeaders().getFirst("Retry-After"));
            if (status == 429) {
                limiter.pause(token, after == null ? Duration.ofSeconds(1) : after);
            }
            return new NotionResult.Retry(reason, after);
        }
        return new NotionResult.Refused(status, code, reason);
    }

    static Duration retryAfter(String header) {
        try {
            return header == null ? null : Duration.ofMillis((long) (Double.parseDouble(header.trim()) * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static JsonNode parse(String text) {
        try {
            return text.isBlank() ? null : JSON.readTree(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String clip(String s) {
        return s.length() <= MAX_REASON ? s : s.substring(0, MAX_REASON) + "…";
    }
}
