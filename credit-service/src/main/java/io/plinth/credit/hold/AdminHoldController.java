package io.plinth.credit.hold;

import io.plinth.credit.ledger.CreditController;
import io.plinth.credit.ledger.WalletQueries;
import io.plinth.credit.refusal.CreditException;
import io.plinth.credit.refusal.Refusal;
import io.plinth.platform.security.AdminOnly;
import io.plinth.platform.security.CurrentUser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/admin/credits/{userId}/holds?limit=&cursor=}: every hold of a user of the admin's tenant, in any
 * state, newest first, a page at a time — what makes up the wallet's "held" total and what became of past holds. A
 * user the tenant does not have is a 404, as for the wallet view.
 */
@RestController
class AdminHoldController {

    record HoldPage(List<HoldController.HoldResponse> items, String nextCursor) {
    }

    private final WalletQueries wallets;
    private final HoldStore store;

    AdminHoldController(WalletQueries wallets, HoldStore store) {
        this.wallets = wallets;
        this.store = store;
    }

    @AdminOnly
    @GetMapping("/api/v1/admin/credits/{userId}/holds")
    Mono<HoldPage> holds(CurrentUser admin, @PathVariable("userId") String userId,
            @RequestParam(name = "limit", required = false) Integer limit,
            @RequestParam(name = "cursor", required = false) String cursor) {
        int size = CreditController.pageSize(limit);
        HoldStore.Position after = decodeCursor(cursor);
        return wallets.existingBalance(admin.tenantId(), userId)
                .then(store.ofUser(admin.tenantId(), userId, after, size + 1).collectList())
                .map(rows -> {
                    if (rows.size() <= size) {
                        return new HoldPage(rows.stream().map(HoldController.HoldResponse::of).toList(), null);
                    }
                    List<Hold> page = rows.subList(0, size);
                    Hold last = page.get(size - 1);
                    return new HoldPage(page.stream().map(HoldController.HoldResponse::of).toList(),
                            encodeCursor(new HoldStore.Position(last.createdAt(), last.id())));
                });
    }

    static String encodeCursor(HoldStore.Position position) {
        String raw = "h:" + position.createdAt() + "/" + position.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static HoldStore.Position decodeCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int slash = raw.indexOf('/');
            if (!raw.startsWith("h:") || slash < 0) {
                throw new IllegalArgumentException();
            }
            return new HoldStore.Position(Instant.parse(raw.substring(2, slash)), UUID.fromString(raw.substring(slash + 1)));
        } catch (RuntimeException e) {
            throw new CreditException(Refusal.INVALID_CURSOR, "cursor is not one this API returned");
        }
    }
}
