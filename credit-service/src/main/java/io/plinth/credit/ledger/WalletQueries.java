package io.plinth.credit.ledger;

import io.plinth.credit.refusal.CreditException;
import io.plinth.credit.refusal.Refusal;
import io.plinth.credit.tier.DailyUsage;
import io.plinth.credit.tier.Tier;
import io.plinth.credit.tier.TierPolicy;
import io.plinth.credit.tier.Tiers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.OptionalInt;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Read side: what a user (or an admin) sees of a wallet. */
@Service
public class WalletQueries {

    private final LedgerStore store;
    private final Tiers tiers;
    private final TierPolicy policy;
    private final DailyUsage usage;
    private final Clock clock;

    WalletQueries(LedgerStore store, Tiers tiers, TierPolicy policy, DailyUsage usage, Clock clock) {
        this.store = store;
        this.tiers = tiers;
        this.policy = policy;
        this.usage = usage;
        this.clock = clock;
    }

    /**
     * @param dailyLimit video generations per UTC day for the user's tier (null if unlimited)
     * @param usedToday video generations counted today
     */
    public record Balance(String userId, long balance, long held, long available, boolean inDebt, Tier tier,
            Integer dailyLimit, int usedToday) {
    }

    public record Page(List<Transfer> items, String nextCursor) {
    }

    /** The balance of a wallet; a user we have not opened a wallet for yet has an empty one. */
    public Mono<Balance> balance(String tenantId, String userId) {
        return store.findWallet(tenantId, userId)
                .defaultIfEmpty(new Wallet(null, tenantId, userId, 0, 0))
                .flatMap(wallet -> balanceOf(wallet));
    }

    /** The balance of an existing wallet only (404 otherwise): for callers acting on someone's behalf. */
    public Mono<Balance> existingBalance(String tenantId, String userId) {
        return store.findWallet(tenantId, userId)
                .switchIfEmpty(Mono.error(() -> CreditException.notFound("user " + userId)))
                .flatMap(this::balanceOf);
    }

    private Mono<Balance> balanceOf(Wallet wallet) {
        return tiers.tierOf(wallet.tenantId(), wallet.userId()).flatMap(tier -> {
            OptionalInt limit = policy.dailyLimit(tier, TierPolicy.VIDEO_GENERATION);
            return usage.usedToday(wallet.tenantId(), wallet.userId(), TierPolicy.VIDEO_GENERATION, clock.instant())
                    .map(used -> new Balance(wallet.userId(), wallet.balance(), wallet.held(), wallet.available(),
                            wallet.inDebt(), tier, limit.isPresent() ? limit.getAsInt() : null, used));
        });
    }

    /** The user's own ledger lines, newest first. */
    public Mono<Page> history(String tenantId, String userId, String cursor, int limit) {
        return Mono.fromCallable(() -> java.util.Optional.ofNullable(decodeCursor(cursor)))
                .flatMap(before -> history(tenantId, userId, before.orElse(null), limit));
    }

    private Mono<Page> history(String tenantId, String userId, Long before, int limit) {
        return store.findWallet(tenantId, userId)
                .flatMap(wallet -> store.history(wallet.id(), before, limit + 1).collectList())
                .defaultIfEmpty(List.of())
                .map(rows -> {
                    if (rows.size() <= limit) {
                        return new Page(rows, null);
                    }
                    List<Transfer> page = rows.subList(0, limit);
                    return new Page(page, encodeCursor(page.get(page.size() - 1).seq()));
                });
    }

    static String encodeCursor(long seq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("s:" + seq).getBytes(StandardCharsets.UTF_8));
    }

    static Long decodeCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!raw.startsWith("s:")) {
                throw new IllegalArgumentException();
            }
            return Long.parseLong(raw.substring(2));
        } catch (IllegalArgumentException e) {
            throw new CreditException(Refusal.INVALID_CURSOR, "cursor is not one this API returned");
        }
    }
}
