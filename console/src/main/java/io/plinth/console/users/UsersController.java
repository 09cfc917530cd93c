package io.plinth.console.users;

import java.time.Instant;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Users of the operator's tenant: search by email (auth-service), a user's wallet — balance, held, tier, daily use —
 * ledger and holds (any state, with expiry), each a page at a time (credit-service), and an admin grant with its reason. The grant form carries an
 * Idempotency-Key made when the form was drawn, so a double click or a resent form grants once.
 */
@Controller
class UsersController {

    static final long MAX_GRANT = 10_000_000;

    record UserSummary(String userId, String email, String tier, List<String> roles, boolean emailVerified,
            Instant createdAt) {
    }

    record UserPage(List<UserSummary> items, String nextCursor) {
    }

    record Balance(long balance, long held, long available, boolean inDebt, String tier, Integer dailyLimit,
            int usedToday) {
    }

    record Wallet(String userId, Balance balance) {
    }

    record Transaction(String id, String type, long amount, long balance, String service, String description,
            String holdId, Instant createdAt) {
    }

    record TransactionPage(List<Transaction> items, String nextCursor) {
    }

    record Hold(String holdId, long credits, long captured, String state, String service, String reference,
            Instant expiresAt, Instant createdAt, Instant settledAt) {
    }

    record HoldPage(List<Hold> items, String nextCursor) {
    }

    record Granted(String transactionId, String userId, long credits, long balance) {
    }

    private final PlatformApi api;

    UsersController(PlatformApi api) {
        this.api = api;
    }

    @GetMapping("/console/users")
    Mono<Rendering> search(Operator operator, @RequestParam(required = false) String email,
            @RequestParam(required = false) String cursor) {
        Rendering.Builder<?> page = Rendering.view("users").modelAttribute("email", email == null ? "" : email);
        if (email == null) {
            return Mono.just(page.modelAttribute("errors", Map.of()).build());
        }
        FormErrors errors = new FormErrors();
        String fragment = errors.text("email", "Email", email, 254);
        if (errors.any()) {
            return Mono.just(page.modelAttribute("errors", errors.asMap()).status(HttpStatus.UNPROCESSABLE_CONTENT).build());
        }
        return api.get(operator.accessToken(), u -> u.path("/api/v1/admin/users").queryParam("email", "{email}")
                                .queryParamIfPresent("cursor", java.util.Optional.ofNullable(cursor).map(c -> "{cursor}"))
                                .build(cursor == null ? Map.of("email", fragment) : Map.of("email", fragment, "cursor", cursor)),
                        UserPage.class)
                .map(found -> page.modelAttribute("errors", Map.of()).modelAttribute("users", found.items())
                        .modelAttribute("nextCursor", found.nextCursor()).build());
    }

    @GetMapping("/console/users/{userId}")
    Mono<Rendering> user(Operator operator, @PathVariable String userId, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String holdsCursor, @RequestParam(required = false) String granted) {
        return userPage(operator, userId, cursor, holdsCursor, Map.of(), "", "", null, null)
                .map(page -> page.modelAttribute("granted", granted).build());
    }

    @PostMapping("/console/users/{userId}/grant")
    Mono<Rendering> grant(Operator operator, @PathVariable String userId, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            FormErrors errors = new FormErrors();
            Long credits = errors.wholeNumber("credits", "Credits", form.getFirst("credits"), 1, MAX_GRANT);
            String reason = errors.text("reason", "Reason", form.getFirst("reason"), 500);
            String key = form.getFirst("idempotencyKey");
            if (key == null || !isUuid(key)) {
                errors.add("credits", "The form is incomplete; reload the page and try again.");
            }
            if (errors.any()) {
                return userPage(operator, userId, null, null, errors.asMap(), form.getFirst("credits"), form.getFirst("reason"), null, null)
                        .map(page -> page.status(HttpStatus.UNPROCESSABLE_CONTENT).build());
            }
            return api.send(operator.accessToken(), HttpMethod.POST,
                            u -> u.path("/api/v1/admin/credits/{id}/grant").build(userId),
                            Map.of("credits", credits, "description", reason), Map.of("Idempotency-Key", key), Granted.class)
                    .map(done -> Rendering.redirectTo("/console/users/" + done.userId() + "?granted=" + done.credits()).build())
                    .onErrorResume(ApiProblem.class, problem -> userPage(operator, userId, null, null,
                            renamed(problem.fieldMessages()), form.getFirst("credits"), form.getFirst("reason"), problem,
                            // The outcome of a 5xx is unknown: resending must not grant twice.
                            problem.status() >= 500 ? key : null)
                            .map(page -> page.status(HttpStatus.valueOf(problem.status())).build()));
        });
    }

    private Mono<Rendering.Builder<?>> userPage(Operator operator, String userId, String cursor, String holdsCursor,
            Map<String, String> errors, String credits, String reason, ApiProblem problem, String idempotencyKey) {
        Mono<Wallet> wallet = api.get(operator.accessToken(), u -> u.path("/api/v1/admin/credits/{id}").build(userId),
                Wallet.class);
        Mono<TransactionPage> history = api.get(operator.accessToken(), u -> cursor == null
                ? u.path("/api/v1/admin/credits/{id}/transactions").build(userId)
                : u.path("/api/v1/admin/credits/{id}/transactions").queryParam("cursor", "{cursor}").build(userId, cursor),
                TransactionPage.class);
        Mono<HoldPage> holds = api.get(operator.accessToken(), u -> holdsCursor == null
                ? u.path("/api/v1/admin/credits/{id}/holds").build(userId)
                : u.path("/api/v1/admin/credits/{id}/holds").queryParam("cursor", "{cursor}").build(userId, holdsCursor),
                HoldPage.class);
        return Mono.zip(wallet, history, holds).map(both -> {
            Rendering.Builder<?> page = Rendering.view("user")
                    .modelAttribute("userId", userId)
                    .modelAttribute("wallet", both.getT1().balance())
                    .modelAttribute("transactions", both.getT2().items())
                    .modelAttribute("nextCursor", both.getT2().nextCursor())
                    .modelAttribute("holds", both.getT3().items())
                    .modelAttribute("nextHoldsCursor", both.getT3().nextCursor())
                    .modelAttribute("errors", errors)
                    .modelAttribute("credits", credits == null ? "" : credits)
                    .modelAttribute("reason", reason == null ? "" : reason)
                    .modelAttribute("idempotencyKey", idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString());
            if (problem != null) {
                page.modelAttribute("problem", problem);
            }
            return page;
        });
    }

    /** The API calls the reason {@code description}; the form calls it reason. */
    private static Map<String, String> renamed(Map<String, String> apiErrors) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        apiErrors.forEach((field, message) -> out.put("description".equals(field) ? "reason" : field, message));
        return out;
    }

    private static boolean isUuid(String value) {
        try {
            UUID.fromString(value);
            return value.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
