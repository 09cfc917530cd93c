package io.plinth.credit.api;

import io.plinth.credit.api.CreditDtos.AdminWalletResponse;
import io.plinth.credit.api.CreditDtos.BalanceResponse;
import io.plinth.credit.api.CreditDtos.GrantRequest;
import io.plinth.credit.api.CreditDtos.GrantResponse;
import io.plinth.credit.api.CreditDtos.TransactionResponse;
import io.plinth.credit.audit.InvariantChecker;
import io.plinth.credit.ledger.LedgerService;
import io.plinth.credit.ledger.TransferIds;
import io.plinth.credit.ledger.TransferKind;
import io.plinth.credit.ledger.TransferRequest;
import io.plinth.credit.ledger.WalletQueries;
import io.plinth.platform.idempotency.Idempotent;
import io.plinth.platform.security.AdminOnly;
import io.plinth.platform.security.CurrentUser;
import jakarta.validation.Valid;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Admin view and grant, limited to the admin's own tenant; plus the on-demand invariant check. */
@RestController
@RequestMapping("/api/v1/admin/credits")
class AdminCreditController {

    private final LedgerService ledger;
    private final WalletQueries queries;
    private final InvariantChecker checker;

    AdminCreditController(LedgerService ledger, WalletQueries queries, InvariantChecker checker) {
        this.ledger = ledger;
        this.queries = queries;
        this.checker = checker;
    }

    @AdminOnly
    @GetMapping("/{userId}")
    Mono<AdminWalletResponse> wallet(CurrentUser admin, @PathVariable("userId") String userId) {
        return queries.existingBalance(admin.tenantId(), userId)
                .zipWith(queries.history(admin.tenantId(), userId, null, 20))
                .map(both -> new AdminWalletResponse(userId, BalanceResponse.of(both.getT1()),
                        both.getT2().items().stream().map(TransactionResponse::of).toList()))
                .onErrorMap(CreditProblems::toApi);
    }

    @AdminOnly
    @Idempotent
    @PostMapping("/{userId}/grant")
    Mono<GrantResponse> grant(CurrentUser admin, @PathVariable("userId") String userId,
            @RequestHeader(CreditController.IDEMPOTENCY_KEY) String idempotencyKey,
            @Valid @RequestBody GrantRequest body) {
        TransferRequest request = new TransferRequest(
                TransferIds.fromIdempotencyKey("grant", admin.tenantId(), admin.userId() + ">" + userId,
                        idempotencyKey),
                admin.tenantId(), userId, TransferKind.ADMIN_GRANT, body.credits(), body.reason(),
                Map.of("grantedBy", admin.userId()), null);
        return ledger.post(request)
                .map(posted -> new GrantResponse(posted.transfer().id(), userId, posted.transfer().amount(),
                        posted.transfer().walletBalance()))
                .onErrorMap(CreditProblems::toApi);
    }

    /** Recomputes every wallet from its transfers now; the same check runs on a schedule. */
    @AdminOnly
    @PostMapping("/audit")
    Mono<InvariantChecker.Report> audit() {
        return checker.check();
    }
}
