package io.plinth.payment.mpesa;

import io.plinth.payment.providers.HttpProviderCalls;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Daraja over HTTP (non-blocking WebClient). The OAuth token is fetched once and reused until shortly
 * before it expires. Token and status query are retried (they change nothing); the STK push is not — a
 * repeated push would prompt the customer's phone twice.
 */
final class DarajaClient {

    static final String PROVIDER = "mpesa";
    /** Daraja's answer to a status query while the customer has not answered yet. */
    static final String STILL_PROCESSING = "500.001.1001";
    private static final Duration TOKEN_MARGIN = Duration.ofSeconds(60);

    record PushAccepted(String merchantRequestId, String checkoutRequestId, String customerMessage) {
    }

    /** A status query's answer; {@code settled} false while the customer has not answered. */
    record QueryResult(boolean settled, String resultCode, String resultDesc) {
    }

    private record Token(String value, Duration ttl) {
    }

    private final WebClient http;
    private final MpesaProperties properties;
    private final Clock clock;
    private final HttpProviderCalls calls;
    private final Mono<Token> token;

    DarajaClient(WebClient.Builder builder, MpesaProperties properties, Clock clock, HttpProviderCalls calls) {
        this.http = builder.baseUrl(properties.apiBase()).build();
        this.properties = properties;
        this.clock = clock;
        this.calls = calls;
        // One token shared by every caller until just before it expires; a failed fetch is not cached.
        this.token = calls.idempotent(fetchToken()).cache(t -> t.ttl(), e -> Duration.ZERO, () -> Duration.ZERO);
    }

    Mono<PushAccepted> push(long amountWholeKes, String phone, String callbackUrl, String accountReference,
            String description) {
        DarajaPassword password = DarajaPassword.at(clock.instant(), properties.shortcode(), properties.passkey());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("BusinessShortCode", properties.shortcode());
        body.put("Password", password.password());
        body.put("Timestamp", password.timestamp());
        body.put("TransactionType", "CustomerPayBillOnline");
        body.put("Amount", amountWholeKes);
        body.put("PartyA", phone);
        body.put("PartyB", properties.shortcode());
        body.put("PhoneNumber", phone);
        body.put("CallBackURL", callbackUrl);
        body.put("AccountReference", accountReference);
        body.put("TransactionDesc", description);
        Mono<PushAccepted> call = token.flatMap(t -> http.post().uri("/mpesa/stkpush/v1/processrequest")
                .headers(h -> h.setBearerAuth(t.value()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .retrieve()
                .bodyToMono(JsonNode.class)
                .map(json -> new PushAccepted(json.path("MerchantRequestID").asString(""),
                        json.path("CheckoutRequestID").asString(""), json.path("CustomerMessage").asString(""))));
        return calls.once(call);
    }

    Mono<QueryResult> query(String checkoutRequestId) {
        DarajaPassword password = DarajaPassword.at(clock.instant(), properties.shortcode(), properties.passkey());
        Map<String, Object> body = Map.of("BusinessShortCode", properties.shortcode(), "Password", password.password(),
                "Timestamp", password.timestamp(), "CheckoutRequestID", checkoutRequestId);
        Mono<QueryResult> call = token.flatMap(t -> http.post().uri("/mpesa/stkpushquery/v1/query")
                .headers(h -> h.setBearerAuth(t.value()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchangeToMono(response -> response.bodyToMono(JsonNode.class).defaultIfEmpty(tools.jackson.databind.node.NullNode.getInstance())
                        .flatMap(json -> {
                            if (STILL_PROCESSING.equals(json.path("errorCode").asString(""))) {
                                return Mono.just(new QueryResult(false, null, json.path("errorMessage").asString("")));
                            }
                            if (response.statusCode().isError()) {
                                return response.createError();
                            }
                            return Mono.just(new QueryResult(true, json.path("ResultCode").asString(""),
                                    json.path("ResultDesc").asString("")));
                        })));
        return calls.idempotent(call);
    }

    private Mono<Token> fetchToken() {
        String basic = Base64.getEncoder().encodeToString((properties.consumerKey() + ":" + properties.consumerSecret())
                .getBytes(StandardCharsets.UTF_8));
        return http.get().uri("/oauth/v1/generate?grant_type=client_credentials")
                .header("Authorization", "Basic " + basic)
                .retrieve()
                .bodyToMono(JsonNode.class)
                .map(json -> {
                    long seconds = Long.parseLong(json.path("expires_in").asString("3599"));
                    Duration ttl = Duration.ofSeconds(seconds).minus(TOKEN_MARGIN);
                    return new Token(json.path("access_token").asString(), ttl.isNegative() ? Duration.ZERO : ttl);
                });
    }

    /** Daraja's error code from an error body ({@code {requestId, errorCode, errorMessage}}). */
    static String errorCode(String body) {
        try {
            return tools.jackson.databind.json.JsonMapper.builder().build().readTree(body).path("errorCode").asString("");
        } catch (RuntimeException notJson) {
            return "";
        }
    }
}
