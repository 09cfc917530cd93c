package io.plinth.sandbox.stripe;

import io.plinth.sandbox.controls.Money;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/**
 * The hosted Checkout page a session's {@code url} points at: GET shows the order and a card form;
 * the form POST to the same URL pays (or declines, by test card) and the account raises the events
 * a real Checkout would. A paid session redirects to its {@code success_url}.
 */
@RestController
class StripeCheckoutPage {

    static final String PATH = "/c/pay";

    private final StripeAccount account;

    StripeCheckoutPage(StripeAccount account) {
        this.account = account;
    }

    /** Where the browser reaches the page: the host the API was called on (the sandbox is one host). */
    @GetMapping(PATH + "/{sessionId}")
    ResponseEntity<String> show(@PathVariable String sessionId) {
        Map<String, Object> session = account.get(sessionId, "checkout.session");
        return page(HttpStatus.OK, session, null);
    }

    @PostMapping(PATH + "/{sessionId}")
    Mono<ResponseEntity<String>> pay(ServerWebExchange exchange, @PathVariable String sessionId) {
        return exchange.getFormData().map(form -> {
            StripeAccount.Payment payment = account.pay(sessionId, form.getFirst("card_number"));
            return switch (payment.outcome()) {
                case PAID -> ResponseEntity.status(HttpStatus.SEE_OTHER)
                        .location(URI.create(String.valueOf(payment.session().get("success_url"))
                                .replace("{CHECKOUT_SESSION_ID}", sessionId)))
                        .body("");
                case DECLINED -> page(HttpStatus.PAYMENT_REQUIRED, payment.session(), payment.message());
                case INVALID_CARD -> page(HttpStatus.BAD_REQUEST, payment.session(), payment.message());
                case NOT_OPEN -> page(HttpStatus.CONFLICT, payment.session(), payment.message());
            };
        });
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(StripeError.class)
    ResponseEntity<String> missing(StripeError error) {
        return ResponseEntity.status(error.status()).contentType(MediaType.TEXT_HTML)
                .body("<!doctype html><title>Not found</title><p>" + HtmlUtils.htmlEscape(error.getMessage()) + "</p>");
    }

    @SuppressWarnings("unchecked")
    private static ResponseEntity<String> page(HttpStatus status, Map<String, Object> session, String error) {
        StringBuilder lines = new StringBuilder();
        for (Map<String, Object> line : (List<Map<String, Object>>) session.get("_line_items")) {
            lines.append("<li>").append(HtmlUtils.htmlEscape(String.valueOf(line.get("name")))).append(" × ")
                    .append(line.get("quantity")).append(" — ").append(Money.format((Long) line.get("unit_amount"),
                            String.valueOf(line.get("currency"))))
                    .append(line.get("interval") == null ? "" : " / " + line.get("interval")).append("</li>");
        }
        String id = HtmlUtils.htmlEscape(String.valueOf(session.get("id")));
        String html = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Checkout (sandbox)</title></head>
                <body>
                <h1>Pay %s</h1>
                <ul>%s</ul>
                <p id="status">%s</p>
                %s
                <form method="post" action="%s/%s">
                  <label>Card number <input name="card_number" value="4242 4242 4242 4242"></label>
                  <label>Expiry <input name="exp" value="12/34"></label>
                  <label>CVC <input name="cvc" value="123"></label>
                  <button type="submit">Pay</button>
                </form>
                <p>Test cards: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined,
                4000 0000 0000 9995 has insufficient funds.</p>
                </body></html>
                """.formatted(Money.format((Long) session.get("amount_total"), String.valueOf(session.get("currency"))),
                lines, HtmlUtils.htmlEscape(String.valueOf(session.get("status"))),
                error == null ? "" : "<p id=\"error\" role=\"alert\">" + HtmlUtils.htmlEscape(error) + "</p>",
                PATH, id);
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body(html);
    }
}
