package io.plinth.credit.ledger;

import io.plinth.credit.ledger.CreditDtos.AdminWalletResponse;
import io.plinth.credit.ledger.CreditDtos.BalanceResponse;
import io.plinth.credit.ledger.CreditDtos.GrantRequest;
import io.plinth.credit.ledger.CreditDtos.GrantResponse;
import io.plinth.credit.ledger.CreditDtos.TransactionResponse;
import io.plinth.platform.idempotency.IdempotencyKeyWebFilter;
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

/** Admin view of a wallet and admin grants, limited to the admin's own tenant. */
@RestController
@RequestMapping("/api/v1/admin/credits")
class AdminCreditController {

    private final LedgerService ledger;
    private final WalletQueries queries;

    AdminCreditController(LedgerService ledger, WalletQueries queries) {
        this.ledger = ledger;
        this.queries = queries;
    }

    @AdminOnly
    @GetMapping("/{userId}")
    Mono<AdminWalletResponse> wallet(CurrentUser admin, @PathVariable("userId") String userId) {
        return queries.existingBalance(admin.tenantId(), userId)
                .zipWith(queries.history(admin.tenantId(), userId, null, 20))
                .map(both -> new AdminWalletResponse(userId, BalanceResponse.of(both.getT1()),
                        both.getT2().items().stream().map(TransactionResponse::of).toList()));
    }

    @AdminOnly
    @Idempotent
    @PostMapping("/{userId}/grant")
    Mono<GrantResponse> grant(CurrentUser admin, @PathVariable("userId") String userId,
            @RequestHeader(IdempotencyKeyWebFilter.HEADER) String idempotencyKey,
            @Valid @RequestBody GrantRequest body) {
        TransferRequest request = new TransferRequest(
                TransferIds.fromIdempotencyKey("grant", admin.tenantId(), admin.userId() + ">" + userId,
                        idempotencyKey),
                admin.tenantId(), userId, TransferKind.ADMIN_GRANT, body.credits(), body.description(),
                Map.of("grantedBy", admin.userId()), null);
        return ledger.post(request)
                .map(posted -> new GrantResponse(posted.transfer().id(), userId, posted.transfer().amount(),
                        posted.transfer().walletBalance()));
    }
}
