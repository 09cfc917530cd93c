package io.plinth.credit.ledger;

import io.plinth.credit.ledger.CreditDtos.BalanceResponse;
import io.plinth.credit.ledger.CreditDtos.ConsumeRequest;
import io.plinth.credit.ledger.CreditDtos.ConsumeResponse;
import io.plinth.credit.ledger.CreditDtos.PageResponse;
import io.plinth.credit.ledger.CreditDtos.TransactionResponse;
import io.plinth.platform.idempotency.Idempotent;
import io.plinth.platform.idempotency.IdempotencyKeyWebFilter;
import io.plinth.platform.problem.ApiException;
import io.plinth.platform.security.CurrentUser;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The signed-in user's own wallet and spends. Every query is scoped to the token's tenant and user. */
@RestController
@RequestMapping("/api/v1/credits")
public class CreditController {

    private final LedgerService ledger;
    private final WalletQueries queries;

    CreditController(LedgerService ledger, WalletQueries queries) {
        this.ledger = ledger;
        this.queries = queries;
    }

    @GetMapping("/balance")
    Mono<BalanceResponse> balance(CurrentUser user) {
        return queries.balance(user.tenantId(), user.userId()).map(BalanceResponse::of);
    }

    @GetMapping("/transactions")
    Mono<PageResponse<TransactionResponse>> transactions(CurrentUser user,
            @RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "cursor", required = false) String cursor) {
        int size = pageSize(limit);
        return queries.history(user.tenantId(), user.userId(), cursor, size)
                .map(page -> new PageResponse<>(page.items().stream().map(TransactionResponse::of).toList(),
                        page.nextCursor()));
    }

    @Idempotent
    @PostMapping("/consume")
    Mono<ConsumeResponse> consume(CurrentUser user,
            @RequestHeader(IdempotencyKeyWebFilter.HEADER) String idempotencyKey,
            @Valid @RequestBody ConsumeRequest body) {
        TransferRequest request = new TransferRequest(
                TransferIds.fromIdempotencyKey("consume", user.tenantId(), user.userId(), idempotencyKey),
                user.tenantId(), user.userId(), TransferKind.CONSUME, body.credits(), body.description(),
                body.metadata(), body.service());
        return ledger.post(request)
                .map(posted -> new ConsumeResponse(posted.transfer().id(), posted.transfer().walletBalance()));
    }

    /** A list's page size: 20 unless asked, 1 to 100 (400 otherwise); shared by every paged list of the service. */
    public static int pageSize(Integer limit) {
        if (limit == null) {
            return 20;
        }
        if (limit < 1 || limit > 100) {
            throw ApiException.badRequest("invalid_parameter", "limit must be between 1 and 100");
        }
        return limit;
    }
}
