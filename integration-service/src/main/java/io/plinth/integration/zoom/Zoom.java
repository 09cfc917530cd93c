package io.plinth.integration.zoom;

import io.plinth.integration.outbound.ProviderHttp;
import io.plinth.integration.outbound.TokenCache;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Zoom over HTTP (PROVIDERS.md): Server-to-Server OAuth ({@code account_credentials}, Basic client id:secret), the
 * token kept per set of credentials until shortly before it expires; {@code users/me}; scheduled meetings.
 */
final class Zoom {

    static final String PROVIDER = "zoom";

    record Token(String value, Instant expiresAt) implements TokenCache.Expiring {
    }

    /** What Zoom answered to a new meeting. */
    record Created(String id, String uuid, String joinUrl, String startUrl) {
    }

    private final ProviderHttp http;
    private final URI oauthBase;
    private final URI apiBase;
    private final Clock clock;
    private final TokenCache<Token> tokens;

    Zoom(ProviderHttp http, URI oauthBase, URI apiBase, Clock clock) {
        this.http = http;
        this.oauthBase = oauthBase;
        this.apiBase = apiBase;
        this.clock = clock;
        this.tokens = new TokenCache<>(clock);
    }

    Mono<Created> schedule(Map<String, String> credentials, String topic, Instant start, int minutes, String timezone) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("topic", topic);
        body.put("type", 2);
        body.put("start_time", DateTimeFormatter.ISO_INSTANT.format(start.truncatedTo(ChronoUnit.SECONDS)));
        body.put("duration", minutes);
        body.put("timezone", timezone);
        body.put("settings", Map.of("auto_recording", "none"));
        return tokens.get(credentials, () -> grant(credentials, false))
                .flatMap(token -> http.call(http.client().post().uri(apiBase.resolve("/v2/users/me/meetings"))
                        .headers(h -> h.setBearerAuth(token.value())).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(body), Zoom::apiReason))
                .map(json -> new Created(http.required(json, "id"), ProviderHttp.text(json, "uuid"), http.required(json, "join_url"),
                        ProviderHttp.text(json, "start_url")));
    }

    /** A fresh grant and {@code GET /v2/users/me}, bypassing cache and breaker: the connection test. Answers the email. */
    Mono<String> probe(Map<String, String> credentials) {
        return grant(credentials, true).flatMap(token -> http.probe(http.client().get().uri(apiBase.resolve("/v2/users/me"))
                        .headers(h -> h.setBearerAuth(token.value())), Zoom::apiReason))
                .map(me -> {
                    String email = ProviderHttp.text(me, "email");
                    return email == null ? http.required(me, "id") : email;
                });
    }

    private Mono<Token> grant(Map<String, String> credentials, boolean probe) {
        return Mono.defer(() -> {
            Instant now = clock.instant();
            URI uri = UriComponentsBuilder.fromUri(oauthBase).path("/oauth/token")
                    .queryParam("grant_type", "account_credentials")
                    .queryParam("account_id", credentials.get("accountId")).encode().build().toUri();
            String basic = Base64.getEncoder().encodeToString((credentials.get("clientId") + ":"
                    + credentials.get("clientSecret")).getBytes(StandardCharsets.UTF_8));
            WebClient.RequestHeadersSpec<?> request = http.client().post().uri(uri)
                    .header(HttpHeaders.AUTHORIZATION, "Basic " + basic);
            return (probe ? http.probe(request, Zoom::oauthReason) : http.call(request, Zoom::oauthReason))
                    .map(json -> new Token(http.required(json, "access_token"), now.plusSeconds(json.path("expires_in").asLong(0))));
        });
    }

    /** OAuth errors: {@code {"reason": "Invalid client_id or client_secret", "error": "invalid_client"}}. */
    static String oauthReason(JsonNode json) {
        String reason = ProviderHttp.text(json, "reason");
        String error = ProviderHttp.text(json, "error");
        return reason == null ? error : error == null ? reason : reason + " (" + error + ")";
    }

    /** API errors: {@code {"code": 124, "message": "Invalid access token."}}. */
    static String apiReason(JsonNode json) {
        String message = ProviderHttp.text(json, "message");
        String code = ProviderHttp.text(json, "code");
        return message == null ? code : code == null ? message : message + " (code " + code + ")";
    }
}
