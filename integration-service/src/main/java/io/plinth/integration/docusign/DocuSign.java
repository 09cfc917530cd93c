package io.plinth.integration.docusign;

import io.plinth.integration.outbound.Misconfigured;
import io.plinth.integration.outbound.ProviderHttp;
import io.plinth.integration.outbound.ProviderUnavailable;
import io.plinth.integration.outbound.TokenCache;
import java.net.URI;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * DocuSign eSignature over HTTP (PROVIDERS.md): the JWT grant at the account server, account discovery through
 * {@code /oauth/userinfo}, and envelopes at the account's {@code base_uri}. A session (token + account) is kept per
 * set of credentials until shortly before the token expires.
 */
final class DocuSign {

    static final String PROVIDER = "docusign";
    static final String JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    /** A token and the account it works on. */
    record Session(String accessToken, String accountId, String baseUri, Instant expiresAt) implements TokenCache.Expiring {
    }

    /** What DocuSign answered to a new envelope. */
    record Sent(String envelopeId, String status) {
    }

    private final ProviderHttp http;
    private final URI authBase;
    private final Clock clock;
    private final TokenCache<Session> sessions;

    DocuSign(ProviderHttp http, URI authBase, Clock clock) {
        this.http = http;
        this.authBase = authBase;
        this.clock = clock;
        this.sessions = new TokenCache<>(clock);
    }

    /** The cached session for these credentials (and account setting), or a new grant and discovery. */
    Mono<Session> session(Map<String, String> credentials, String accountId) {
        Map<String, String> key = new LinkedHashMap<>(credentials);
        key.put("accountId", accountId == null ? "" : accountId);
        return sessions.get(key, () -> grant(credentials, accountId, false));
    }

    /** A fresh grant and discovery that bypasses the cache and the breaker: what a connection test does. */
    Mono<Session> probe(Map<String, String> credentials, String accountId) {
        return grant(credentials, accountId, true);
    }

    Mono<Sent> send(Session session, String templateId, String roleName, String name, String email, String subject) {
        Map<String, Object> role = new LinkedHashMap<>();
        role.put("email", email);
        role.put("name", name);
        role.put("roleName", roleName);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("templateId", templateId);
        body.put("templateRoles", List.of(role));
        body.put("status", "sent");
        if (subject != null) {
            body.put("emailSubject", subject);
        }
        return http.call(http.client().post().uri(envelopes(session)).headers(h -> h.setBearerAuth(session.accessToken()))
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(body), DocuSign::restReason)
                .map(json -> new Sent(http.required(json, "envelopeId"), http.required(json, "status")));
    }

    private Mono<Session> grant(Map<String, String> credentials, String accountId, boolean probe) {
        return Mono.defer(() -> {
            PrivateKey key;
            try {
                key = DocuSignJwt.privateKey(credentials.get("privateKey"));
            } catch (DocuSignJwt.BadKey e) {
                return Mono.error(new Misconfigured(e.getMessage()));
            }
            Instant now = clock.instant();
            String assertion = DocuSignJwt.assertion(credentials.get("integrationKey"), credentials.get("userId"),
                    authBase.getHost(), key, now);
            WebClient.RequestHeadersSpec<?> token = http.client().post().uri(authBase.resolve("/oauth/token"))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(BodyInserters.fromFormData("grant_type", JWT_GRANT).with("assertion", assertion));
            return (probe ? http.probe(token, DocuSign::oauthReason) : http.call(token, DocuSign::oauthReason))
                    .flatMap(json -> {
                        String accessToken = http.required(json, "access_token");
                        long expiresIn = json.path("expires_in").asLong(0);
                        WebClient.RequestHeadersSpec<?> userinfo = http.client().get().uri(authBase.resolve("/oauth/userinfo"))
                                .headers(h -> h.setBearerAuth(accessToken));
                        return (probe ? http.probe(userinfo, DocuSign::oauthReason) : http.call(userinfo, DocuSign::oauthReason))
                                .map(info -> account(info, accountId, accessToken, now.plusSeconds(expiresIn)));
                    });
        });
    }

    /** The account named in the settings, else the user's default one (DocuSign's rule for account discovery). */
    private Session account(JsonNode userinfo, String accountId, String accessToken, Instant expiresAt) {
        JsonNode accounts = userinfo.path("accounts");
        if (!accounts.isArray() || accounts.isEmpty()) {
            throw new ProviderUnavailable(PROVIDER, "userinfo named no accounts", null);
        }
        JsonNode chosen = null;
        for (JsonNode account : accounts) {
            boolean wanted = accountId == null || accountId.isBlank()
                    ? account.path("is_default").asBoolean(false)
                    : accountId.equals(account.path("account_id").asString(""));
            if (wanted) {
                chosen = account;
                break;
            }
        }
        if (chosen == null) {
            throw new Misconfigured(accountId == null || accountId.isBlank()
                    ? "The DocuSign user has no default account; set settings.accountId."
                    : "The DocuSign user has no account " + accountId + " (settings.accountId).");
        }
        return new Session(accessToken, http.required(chosen, "account_id"), http.required(chosen, "base_uri"), expiresAt);
    }

    private static String envelopes(Session session) {
        return session.baseUri().replaceAll("/+$", "") + "/restapi/v2.1/accounts/" + session.accountId() + "/envelopes";
    }

    /** The account server's errors: {@code {"error": "invalid_grant", "error_description": "…"}}. */
    static String oauthReason(JsonNode json) {
        String error = ProviderHttp.text(json, "error");
        String description = ProviderHttp.text(json, "error_description");
        return error == null ? description : description == null ? error : error + ": " + description;
    }

    /** The REST API's errors: {@code {"errorCode": "…", "message": "…"}}. */
    static String restReason(JsonNode json) {
        String code = ProviderHttp.text(json, "errorCode");
        String message = ProviderHttp.text(json, "message");
        return code == null ? message : message == null ? code : code + ": " + message;
    }
}
