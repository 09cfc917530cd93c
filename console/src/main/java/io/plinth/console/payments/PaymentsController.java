package io.plinth.console.payments;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.plinth.console.form.FormErrors;
import io.plinth.console.platform.ApiProblem;
import io.plinth.console.platform.PlatformApi;
import io.plinth.console.session.Operator;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The tenant's payments (payment-service's {@code /api/v1/admin/payments}): filter by status, provider and user;
 * refund all or part of one — the amount is checked against what is left to refund, then confirmed on a page of its
 * own, then sent once (the Idempotency-Key is made with the form).
 */
@Controller
class PaymentsController {

    static final List<String> STATUSES = List.of("pending", "completed", "failed", "refunded", "partially_refunded");
    static final List<String> PROVIDERS = List.of("stripe", "mpesa", "pipit");

    record Payment(String paymentId, String status, String provider, String priceId, String productId, String kind,
            String mode, int quantity, long amount, String currency, long credits, String tier, String entitlement,
            long refundedAmount, String failureReason, Instant createdAt, Instant updatedAt) {

        public long refundable() {
            return Math.max(0, amount - refundedAmount);
        }

        public boolean canRefund() {
            return ("completed".equals(status) || "partially_refunded".equals(status)) && refundable() > 0
                    && ("stripe".equals(provider) || "pipit".equals(provider));
        }
    }

    record PaymentPage(List<Payment> items, String nextCursor) {
    }

    record Refund(String paymentId, String refundId, long amount, String currency, String status) {
    }

    private final PlatformApi api;

    PaymentsController(PlatformApi api) {
        this.api = api;
    }

    @GetMapping("/console/payments")
    Mono<Rendering> list(Operator operator, @RequestParam(required = false) String status,
            @RequestParam(required = false) String provider, @RequestParam(required = false) String userId,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) String refunded) {
        FormErrors errors = new FormErrors();
        Map<String, String> query = new LinkedHashMap<>();
        if (status != null && !status.isBlank()) {
            if (STATUSES.contains(status)) {
                query.put("status", status);
            } else {
                errors.add("status", "Status must be one of " + String.join(", ", STATUSES) + ".");
            }
        }
        if (provider != null && !provider.isBlank()) {
            if (PROVIDERS.contains(provider)) {
                query.put("provider", provider);
            } else {
                errors.add("provider", "Provider must be one of " + String.join(", ", PROVIDERS) + ".");
            }
        }
        String user = errors.optionalText("userId", "User id", userId, 64);
        if (user != null) {
            query.put("userId", user);
        }
        Rendering.Builder<?> page = Rendering.view("payments").modelAttribute("statuses", STATUSES)
                .modelAttribute("providers", PROVIDERS).modelAttribute("status", status == null ? "" : status)
                .modelAttribute("provider", provider == null ? "" : provider)
                .modelAttribute("userId", userId == null ? "" : userId).modelAttribute("refunded", refunded);
        if (errors.any()) {
            return Mono.just(page.modelAttribute("errors", errors.asMap()).modelAttribute("payments", List.of())
                    .status(HttpStatus.UNPROCESSABLE_CONTENT).build());
        }
        if (cursor != null && !cursor.isBlank()) {
            query.put("cursor", cursor);
        }
        return api.get(operator.accessToken(), u -> {
                    u.path("/api/v1/admin/payments");
                    query.keySet().forEach(name -> u.queryParam(name, "{" + name + "}"));
                    return u.build(query);
                }, PaymentPage.class)
                .map(found -> page.modelAttribute("errors", Map.of()).modelAttribute("payments", found.items())
                        .modelAttribute("nextCursor", found.nextCursor()).build());
    }

    @GetMapping("/console/payments/{paymentId}/refund")
    Mono<Rendering> refundForm(Operator operator, @PathVariable String paymentId) {
        return payment(operator, paymentId).map(p -> refundPage(p, Map.of(), "", "", UUID.randomUUID().toString(), null).build());
    }

    /** Step one: check the amount and reason, then ask for confirmation. Nothing is sent yet. */
    @PostMapping("/console/payments/{paymentId}/refund")
    Mono<Rendering> reviewRefund(Operator operator, @PathVariable String paymentId, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> payment(operator, paymentId).map(p -> {
            Checked checked = check(p, form);
            if (checked.errors().any()) {
                return refundPage(p, checked.errors().asMap(), form.getFirst("amount"), form.getFirst("reason"),
                        checked.key() == null ? UUID.randomUUID().toString() : checked.key(), null)
                        .status(HttpStatus.UNPROCESSABLE_CONTENT).build();
            }
            Map<String, String> hidden = new LinkedHashMap<>();
            hidden.put("amount", Long.toString(checked.amount()));
            hidden.put("reason", checked.reason() == null ? "" : checked.reason());
            hidden.put("idempotencyKey", checked.key());
            Map<String, String> details = new LinkedHashMap<>();
            details.put("Payment", p.paymentId());
            details.put("Refund", checked.amount() + " " + p.currency() + " (minor units)");
            details.put("Left to refund after", (p.refundable() - checked.amount()) + " " + p.currency());
            return Rendering.view("confirm")
                    .modelAttribute("heading", "Refund " + checked.amount() + " " + p.currency() + "?")
                    .modelAttribute("message", "The money goes back to the customer through " + p.provider()
                            + ". This cannot be undone.")
                    .modelAttribute("details", details)
                    .modelAttribute("hidden", hidden)
                    .modelAttribute("action", "/console/payments/" + p.paymentId() + "/refund/confirm")
                    .modelAttribute("button", "Refund " + checked.amount() + " " + p.currency())
                    .modelAttribute("cancel", "/console/payments").build();
        }));
    }

    /** Step two, after confirmation: checked again (the form could be forged or stale), then sent once. */
    @PostMapping("/console/payments/{paymentId}/refund/confirm")
    Mono<Rendering> refund(Operator operator, @PathVariable String paymentId, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> payment(operator, paymentId).flatMap(p -> {
            Checked checked = check(p, form);
            if (checked.errors().any()) {
                return Mono.just(refundPage(p, checked.errors().asMap(), form.getFirst("amount"), form.getFirst("reason"),
                        UUID.randomUUID().toString(), null).status(HttpStatus.UNPROCESSABLE_CONTENT).build());
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("amount", checked.amount());
            if (checked.reason() != null) {
                body.put("reason", checked.reason());
            }
            return api.send(operator.accessToken(), HttpMethod.POST,
                            u -> u.path("/api/v1/admin/payments/{id}/refund").build(p.paymentId()), body,
                            Map.of("Idempotency-Key", checked.key()), Refund.class)
                    .map(r -> Rendering.redirectTo("/console/payments?refunded=" + r.amount() + "+" + r.currency()).build())
                    .onErrorResume(ApiProblem.class, problem -> Mono.just(refundPage(p, problem.fieldMessages(),
                            form.getFirst("amount"), form.getFirst("reason"),
                            problem.status() >= 500 ? checked.key() : UUID.randomUUID().toString(), problem)
                            .status(HttpStatus.valueOf(problem.status())).build()));
        }));
    }

    private record Checked(FormErrors errors, long amount, String reason, String key) {
    }

    private static Checked check(Payment p, MultiValueMap<String, String> form) {
        FormErrors errors = new FormErrors();
        if (!p.canRefund()) {
            errors.add("amount", "This payment cannot be refunded here (" + p.status() + ", " + p.provider() + ").");
        }
        String raw = form.getFirst("amount");
        long amount = p.refundable();
        if (raw != null && !raw.isBlank()) {
            Long given = errors.wholeNumber("amount", "Amount", raw, 1, Long.MAX_VALUE / 2);
            if (given != null && given > p.refundable()) {
                errors.add("amount", "Amount is more than what is left to refund (" + p.refundable() + ").");
            } else if (given != null) {
                amount = given;
            }
        }
        String reason = errors.optionalText("reason", "Reason", form.getFirst("reason"), 200);
        String key = form.getFirst("idempotencyKey");
        if (key == null || key.length() != 36) {
            errors.add("amount", "The form is incomplete; reload the page and try again.");
            key = null;
        }
        return new Checked(errors, amount, reason, key);
    }

    private Mono<Payment> payment(Operator operator, String paymentId) {
        return api.get(operator.accessToken(), u -> u.path("/api/v1/admin/payments/{id}").build(paymentId), Payment.class);
    }

    private static Rendering.Builder<?> refundPage(Payment p, Map<String, String> errors, String amount, String reason,
            String key, ApiProblem problem) {
        Rendering.Builder<?> page = Rendering.view("refund").modelAttribute("payment", p).modelAttribute("errors", errors)
                .modelAttribute("amount", amount == null ? "" : amount).modelAttribute("reason", reason == null ? "" : reason)
                .modelAttribute("idempotencyKey", key);
        if (problem != null) {
            page.modelAttribute("problem", problem);
        }
        return page;
    }
}
