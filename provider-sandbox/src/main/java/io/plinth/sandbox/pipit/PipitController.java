package io.plinth.sandbox.pipit;

import io.plinth.sandbox.controls.Money;
import io.plinth.sandbox.controls.PublicUrl;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import io.plinth.sandbox.delivery.WebhookDelivery;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/** Pipit's API ({@code /v1/payments}, Bearer {@code pipit_test_…}) and its hosted payment page ({@code /pipit/pay/{id}}). */
@RestController
class PipitController {

    static final String PAGE = "/pipit/pay";

    private final PipitAccount account;
    private final PublicUrl publicUrl;

    PipitController(PipitAccount account, PublicUrl publicUrl) {
        this.account = account;
        this.publicUrl = publicUrl;
    }

    @PostMapping("/v1/payments")
    ResponseEntity<Object> create(ServerWebExchange exchange,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody Map<String, Object> body) {
        requireKey(authorization);
        return ResponseEntity.status(HttpStatus.CREATED).body(account.create(body, publicUrl.base(exchange) + PAGE));
    }

    @GetMapping("/v1/payments/{id}")
    Map<String, Object> get(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String id) {
        requireKey(authorization);
        return account.get(id);
    }

    @PostMapping("/v1/payments/{id}/refund")
    Map<String, Object> refund(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @PathVariable String id, @RequestBody(required = false) Map<String, Object> body) {
        requireKey(authorization);
        return account.refund(id, body);
    }

    @GetMapping(PAGE + "/{id}")
    ResponseEntity<String> page(@PathVariable String id) {
        return html(HttpStatus.OK, account.get(id), null);
    }

    @PostMapping(PAGE + "/{id}")
    Mono<ResponseEntity<String>> pay(ServerWebExchange exchange, @PathVariable String id) {
        return exchange.getFormData().map(form -> {
            Map<String, Object> payment = account.get(id);
            return switch (account.pay(id, form.getFirst("card_number"))) {
                case PAID -> ResponseEntity.status(HttpStatus.SEE_OTHER)
                        .location(URI.create(String.valueOf(payment.get("success_url")))).body("");
                case DECLINED -> html(HttpStatus.PAYMENT_REQUIRED, payment, "Your card was declined.");
                case INVALID_CARD -> html(HttpStatus.BAD_REQUEST, payment, "Your card number is incorrect.");
                case NOT_PENDING -> html(HttpStatus.CONFLICT, payment, "This payment is " + payment.get("status") + ".");
            };
        });
    }

    @ExceptionHandler(PipitError.class)
    ResponseEntity<Object> error(PipitError error) {
        return ResponseEntity.status(error.status()).body(error.body());
    }

    private static void requireKey(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer pipit_test_")) {
            throw new PipitError(401, "unauthorized", "A test API key (Bearer pipit_test_…) is required.", null);
        }
    }

    private static ResponseEntity<String> html(HttpStatus status, Map<String, Object> payment, String error) {
        String id = HtmlUtils.htmlEscape(String.valueOf(payment.get("id")));
        String body = """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pipit (sandbox)</title></head><body>
                <h1>Pay %s</h1><p id="status">%s</p>%s
                <form method="post" action="%s/%s"><label>Card number <input name="card_number" value="4242 4242 4242 4242"></label>
                <button type="submit">Pay</button></form></body></html>
                """.formatted(HtmlUtils.htmlEscape(Money.format(((Number) payment.get("amount")).longValue(),
                        String.valueOf(payment.get("currency")))),
                HtmlUtils.htmlEscape(String.valueOf(payment.get("status"))),
                error == null ? "" : "<p id=\"error\" role=\"alert\">" + HtmlUtils.htmlEscape(error) + "</p>", PAGE, id);
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body(body);
    }

    @Configuration(proxyBeanMethods = false)
    static class PipitSandboxConfiguration {
        @Bean
        PipitAccount pipitAccount(WebhookDelivery delivery) {
            return new PipitAccount(delivery, Clock.systemUTC());
        }
    }
}
