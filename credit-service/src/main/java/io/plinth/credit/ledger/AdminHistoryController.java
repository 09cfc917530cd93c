package io.plinth.credit.ledger;

import io.plinth.credit.ledger.CreditDtos.PageResponse;
import io.plinth.credit.ledger.CreditDtos.TransactionResponse;
import io.plinth.platform.security.AdminOnly;
import io.plinth.platform.security.CurrentUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/admin/credits/{userId}/transactions?limit=&cursor=}: every ledger line of a user of the admin's
 * tenant, newest first, a page at a time (the admin wallet view shows only the latest few). A user the tenant does
 * not have is a 404, as for the wallet view.
 */
@RestController
class AdminHistoryController {

    private final WalletQueries queries;

    AdminHistoryController(WalletQueries queries) {
        this.queries = queries;
    }

    @AdminOnly
    @GetMapping("/api/v1/admin/credits/{userId}/transactions")
    Mono<PageResponse<TransactionResponse>> transactions(CurrentUser admin, @PathVariable("userId") String userId,
            @RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "cursor", required = false) String cursor) {
        int size = CreditController.pageSize(limit);
        return queries.existingBalance(admin.tenantId(), userId)
                .then(queries.history(admin.tenantId(), userId, cursor, size))
                .map(page -> new PageResponse<>(page.items().stream().map(TransactionResponse::of).toList(),
                        page.nextCursor()));
    }
}
