package io.plinth.sandbox.stripe;

import io.plinth.sandbox.controls.PublicUrl;
import io.plinth.sandbox.delivery.StripeEvents;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The part of Stripe's API that Plinth's stripe-java calls: form-encoded requests, Stripe's object
 * and error shapes, secret-key auth and {@code Idempotency-Key}.
 */
@RestController
class StripeApiController {

    private final StripeAccount account;
    private final StripeIdempotency idempotency;
    private final PublicUrl publicUrl;

    StripeApiController(StripeAccount account, StripeIdempotency idempotency, PublicUrl publicUrl) {
        this.account = account;
        this.idempotency = idempotency;
        this.publicUrl = publicUrl;
    }

    @PostMapping("/v1/customers")
    Mono<ResponseEntity<Object>> createCustomer(ServerWebExchange exchange) {
        return create(exchange, account::createCustomer);
    }

    @GetMapping("/v1/customers/{id}")
    ResponseEntity<Object> customer(ServerWebExchange exchange, @PathVariable String id) {
        return read(exchange, () -> account.get(id, "customer"));
    }

    @PostMapping("/v1/checkout/sessions")
    Mono<ResponseEntity<Object>> createSession(ServerWebExchange exchange) {
        String checkoutBase = publicUrl.base(exchange) + StripeCheckoutPage.PATH;
        return create(exchange, params -> account.createCheckoutSession(params, checkoutBase));
    }

    @GetMapping("/v1/checkout/sessions/{id}")
    ResponseEntity<Object> session(ServerWebExchange exchange, @PathVariable String id) {
        return read(exchange, () -> account.get(id, "checkout.session"));
    }

    @PostMapping("/v1/products")
    Mono<ResponseEntity<Object>> createProduct(ServerWebExchange exchange) {
        return create(exchange, account::createProduct);
    }

    @PostMapping("/v1/prices")
    Mono<ResponseEntity<Object>> createPrice(ServerWebExchange exchange) {
        return create(exchange, account::createPrice);
    }

    /** Only the {@code lookup_keys[]} filter is understood (what payment-service's catalog sync asks). */
    @GetMapping("/v1/prices")
    ResponseEntity<Object> prices(ServerWebExchange exchange) {
        apiKey(exchange);
        Object keys = FormParams.parse(exchange.getRequest().getQueryParams()).get("lookup_keys");
        java.util.List<String> lookupKeys = keys instanceof java.util.List<?> list
                ? list.stream().map(String::valueOf).toList() : java.util.List.of();
        return json(200, Map.of("object", "list", "url", "/v1/prices", "has_more", false,
                "data", account.pricesByLookupKeys(lookupKeys).stream().map(StripeJson::publicView).toList()), false);
    }

    @GetMapping("/v1/payment_intents/{id}")
    ResponseEntity<Object> paymentIntent(ServerWebExchange exchange, @PathVariable String id) {
        return read(exchange, () -> account.get(id, "payment_intent"));
    }

    @PostMapping("/v1/refunds")
    Mono<ResponseEntity<Object>> createRefund(ServerWebExchange exchange) {
        return create(exchange, account::createRefund);
    }

    @GetMapping("/v1/subscriptions/{id}")
    ResponseEntity<Object> subscription(ServerWebExchange exchange, @PathVariable String id) {
        return read(exchange, () -> account.get(id, "subscription"));
    }

    @PostMapping("/v1/subscriptions/{id}")
    Mono<ResponseEntity<Object>> updateSubscription(ServerWebExchange exchange, @PathVariable String id) {
        return create(exchange, params -> account.updateSubscription(id, params));
    }

    @GetMapping("/v1/events/{id}")
    ResponseEntity<Object> event(ServerWebExchange exchange, @PathVariable String id) {
        apiKey(exchange);
        String json = account.event(id).orElseThrow(() -> StripeError.notFound("event", id));
        return json(200, StripeJson.read(json), false);
    }

    @GetMapping("/v1/events")
    ResponseEntity<Object> events(ServerWebExchange exchange, @RequestParam(defaultValue = "10") int limit) {
        apiKey(exchange);
        return json(200, Map.of("object", "list", "url", "/v1/events", "has_more", false,
                "data", account.events(Math.max(1, Math.min(limit, 100))).stream().map(StripeJson::read).toList()), false);
    }

    @ExceptionHandler(StripeError.class)
    ResponseEntity<Object> stripeError(StripeError error) {
        return json(error.status(), error.body(), false);
    }

    private Mono<ResponseEntity<Object>> create(ServerWebExchange exchange,
            Function<Map<String, Object>, Map<String, Object>> work) {
        String apiKey = apiKey(exchange);
        String key = exchange.getRequest().getHeaders().getFirst("Idempotency-Key");
        return exchange.getFormData().map(form -> {
            Map<String, Object> params = FormParams.parse(form);
            String request = exchange.getRequest().getPath().value() + " " + new TreeMap<>(form);
            StripeIdempotency.Answer answer = idempotency.run(apiKey, key, request, () -> {
                try {
                    return new StripeIdempotency.Answer(200, StripeJson.publicView(work.apply(params)), false);
                } catch (StripeError e) {
                    return new StripeIdempotency.Answer(e.status(), e.body(), false);
                }
            });
            return json(answer.status(), answer.body(), answer.replayed());
        });
    }

    private ResponseEntity<Object> read(ServerWebExchange exchange, java.util.function.Supplier<Map<String, Object>> work) {
        apiKey(exchange);
        return json(200, StripeJson.publicView(work.get()), false);
    }

    /** Any test-mode secret key is accepted, as the sandbox has one account; anything else is Stripe's 401. */
    private static String apiKey(ServerWebExchange exchange) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        String key = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        if (key == null || !key.startsWith("sk_test_")) {
            throw new StripeError(401, "invalid_request_error", null, key == null
                    ? "You did not provide an API key." : "Invalid API Key provided: " + mask(key), null);
        }
        return key;
    }

    private static String mask(String key) {
        return key.length() <= 8 ? "****" : key.substring(0, 8) + "****" + key.substring(key.length() - 4);
    }

    private static ResponseEntity<Object> json(int status, Object body, boolean replayed) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(HttpStatus.valueOf(status))
                .contentType(MediaType.APPLICATION_JSON)
                .header("Request-Id", "req_" + StripeEvents.newId("x").substring(2, 16));
        if (replayed) {
            builder.header("Idempotent-Replayed", "true");
        }
        return builder.body(body);
    }
}
