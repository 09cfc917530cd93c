package io.plinth.credit.ledger;

import io.plinth.credit.refusal.CreditException;
import io.plinth.credit.tier.DailyUsage;
import io.plinth.events.credit.CreditsConsumed;
import io.plinth.events.credit.CreditsGranted;
import io.plinth.events.credit.CreditsLow;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The one door to balances: posts transfers, and reserves, releases and captures held credits for
 * holds. One transaction per transfer, always locking in the same order (the user's daily-usage
 * row, then the wallet row) so transactions never deadlock; the wallet UPDATE is conditional, so
 * two concurrent spends cannot both see the same credits.
 */
@Service
public class LedgerService {

    private final LedgerStore store;
    private final SpendBatcher batcher;
    private final DailyUsage usage;
    private final CreditEvents events;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final long lowThreshold;

    LedgerService(LedgerStore store, SpendBatcher batcher, DailyUsage usage, CreditEvents events,
            TransactionalOperator tx, Clock clock, LedgerProperties properties) {
        this.store = store;
        this.batcher = batcher;
        this.usage = usage;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
        this.lowThreshold = properties.lowBalanceThreshold();
    }

    /** Opens the user's wallet if it does not exist yet. */
    public Mono<Wallet> openWallet(String tenantId, String userId) {
        return store.openWallet(tenantId, userId);
    }

    /** The posted transfer and whether this call was a replay of an earlier one. */
    public record Posted(Transfer transfer, boolean replayed) {
    }

    /**
     * Posts the transfer once. The same id again with the same fields returns the original
     * transfer; with different fields it fails with 409 {@code transfer_id_conflict}.
     */
    public Mono<Posted> post(TransferRequest request) {
        TransferRequest normalized = normalized(request);
        // No read before the write: a replay shows up as a unique violation (or, if the wallet can
        // no longer afford it, as a refusal that finds the transfer) and is answered from the row.
        Mono<Transfer> posting = isPlainSpend(normalized)
                ? consumeBatched(normalized)
                : tx.transactional(postNew(normalized, null));
        return posting
                .retryWhen(SqlStates.transientRetry())
                .map(transfer -> new Posted(transfer, false))
                .onErrorResume(Replay.class, e -> Mono.just(replay(normalized, e.existing)))
                .onErrorResume(SqlStates::isUniqueViolation, e -> store.findTransfer(normalized.id())
                        .map(existing -> replay(normalized, existing)))
                .onErrorMap(SqlStates::isLockTimeout, e -> CreditException.walletBusy());
    }

    /** Posts inside the caller's transaction (event handlers that post several transfers atomically). */
    public Mono<Transfer> postInCurrentTransaction(TransferRequest request) {
        TransferRequest normalized = normalized(request);
        return store.findTransfer(normalized.id())
                .map(existing -> replay(normalized, existing).transfer())
                .switchIfEmpty(Mono.defer(() -> postNew(normalized, null)))
                .onErrorResume(Replay.class, e -> Mono.just(replay(normalized, e.existing).transfer()));
    }

    private Posted replay(TransferRequest request, Transfer existing) {
        if (!request.sameAs(existing)) {
            throw CreditException.transferConflict(request.id());
        }
        return new Posted(existing, true);
    }

    /** A spend with no daily limit to count: the hot path, done in one statement. */
    private boolean isPlainSpend(TransferRequest request) {
        return request.kind() == TransferKind.CONSUME && !usage.isMetered(request.service());
    }

    /**
     * A plain spend goes through the {@link SpendBatcher}: posted together with whatever other
     * spends are waiting, in one statement and one commit. If its batch failed as a whole it is
     * posted on its own, as a batch of one (a transfer id another writer committed first then
     * surfaces as a unique violation, which {@link #post} answers as a replay).
     */
    private Mono<Transfer> consumeBatched(TransferRequest request) {
        return Mono.defer(() -> {
            Instant now = clock.instant();
            // The balance in both events is filled in by the database.
            var consumed = events.envelope(request.tenantId(), request.userId(), new CreditsConsumed(
                    request.userId(), request.id(), request.amount(), 0, request.service()));
            var low = lowThreshold > 0 ? events.envelope(request.tenantId(), request.userId(),
                    new CreditsLow(request.userId(), 0, lowThreshold)) : null;
            var spend = new LedgerStore.Spend(request, consumed, low, lowThreshold, now);
            return batcher.submit(spend)
                    .switchIfEmpty(Mono.defer(() -> store.spendBatch(List.of(spend)).single()))
                    .flatMap(result -> settled(request, result))
                    .map(p -> new Transfer(p.seq(), request.id(), request.tenantId(), request.userId(), p.walletId(),
                            request.kind(), request.amount(), request.description(), request.metadata(),
                            request.service(), null, p.walletBalance(), now));
        });
    }

    private Mono<LedgerStore.Posting> settled(TransferRequest request, LedgerStore.SpendResult result) {
        return switch (result.outcome()) {
            case POSTED -> Mono.just(result.posting());
            case EXISTS -> store.findTransfer(request.id())
                    .flatMap(existing -> Mono.<LedgerStore.Posting>error(new Replay(existing)));
            case REFUSED -> refusal(request);
        };
    }

    /** @param held the hold a HOLD_CAPTURE settles; null for every other transfer */
    private Mono<Transfer> postNew(TransferRequest request, HeldCredits held) {
        Instant now = clock.instant();
        boolean guarded = request.kind().guard() == TransferKind.Guard.AVAILABLE;
        // Grants may be the first we hear of a user; spends need an existing wallet.
        Mono<Void> wallet = request.kind().direction() == TransferKind.Direction.INTO_WALLET
                ? store.openWallet(request.tenantId(), request.userId()).then()
                : Mono.empty();
        return wallet
                .then(countDailyUsage(request, now))
                .then(store.applyAndRecord(request, guarded, held, now))
                .switchIfEmpty(Mono.defer(() -> refusal(request)))
                .map(p -> new Transfer(p.seq(), request.id(), request.tenantId(), request.userId(), p.walletId(),
                        request.kind(), request.amount(), request.description(), request.metadata(),
                        request.service(), held == null ? null : held.holdId(), p.walletBalance(), now))
                .flatMap(transfer -> publish(transfer).thenReturn(transfer));
    }

    /**
     * Why nothing was posted: a replay of a transfer that went through earlier (answer with it),
     * a wallet in debt, or not enough available credits.
     */
    private Mono<LedgerStore.Posting> refusal(TransferRequest request) {
        return store.findTransfer(request.id())
                .flatMap(existing -> Mono.<LedgerStore.Posting>error(new Replay(existing)))
                .switchIfEmpty(Mono.defer(() -> refused(request.tenantId(), request.userId(), request.amount())));
    }

    /** Why {@code amount} did not fit: a wallet in debt, or not enough available credits. */
    private <T> Mono<T> refused(String tenantId, String userId, long amount) {
        return store.findWallet(tenantId, userId)
                .defaultIfEmpty(new Wallet(null, tenantId, userId, 0, 0))
                .flatMap(current -> Mono.error(current.inDebt()
                        ? CreditException.inDebt(current.balance())
                        : CreditException.insufficientCredits(amount, current.available())));
    }

    /** Carries an already-posted transfer out of the (rolled back) transaction. */
    private static final class Replay extends RuntimeException {
        private final Transfer existing;

        Replay(Transfer existing) {
            super(null, null, false, false);
            this.existing = existing;
        }
    }

    private Mono<Void> countDailyUsage(TransferRequest request, Instant now) {
        if (request.kind() != TransferKind.CONSUME) {
            return Mono.empty();
        }
        return usage.charge(request.tenantId(), request.userId(), request.service(), now);
    }

    // ---- held credits: the ledger's side of a hold (HoldService owns the hold's state) ----

    /**
     * Reserves {@code amount} on the user's wallet for a hold, inside the caller's transaction:
     * counts the day's use of a metered service first (lock order: usage row, then wallet row), then
     * moves the credits from available to held only if they fit.
     *
     * @return the wallet after the reservation
     */
    public Mono<Wallet> reserve(String tenantId, String userId, String service, long amount) {
        return store.findWallet(tenantId, userId)
                .switchIfEmpty(Mono.error(() -> CreditException.insufficientCredits(amount, 0)))
                .flatMap(wallet -> usage.charge(tenantId, userId, service, clock.instant())
                        .then(store.reserve(wallet.id(), amount))
                        .switchIfEmpty(Mono.defer(() -> refused(tenantId, userId, amount))));
    }

    /**
     * Returns held credits to the available balance, inside the caller's transaction, and gives
     * back the day's use they counted: a job that never produced anything does not count.
     */
    public Mono<Void> releaseHeld(HeldCredits held) {
        return usage.giveBack(held.tenantId(), held.userId(), held.service(), held.reservedAt())
                .then(store.unreserve(held.walletId(), held.amount()))
                .then();
    }

    /**
     * Spends {@code captured} of the held credits and returns the rest, inside the caller's
     * transaction. The spend is posted like any transfer (id derived from the hold, so it posts
     * once; credits.low when it crosses the threshold), and the same UPDATE takes the whole hold
     * out of {@code held}. Capturing nothing only releases.
     */
    public Mono<Void> captureHeld(HeldCredits held, long captured) {
        if (captured < 0 || captured > held.amount()) {
            return Mono.error(new IllegalArgumentException("captured must be between 0 and " + held.amount()));
        }
        if (captured == 0) {
            return store.unreserve(held.walletId(), held.amount()).then();
        }
        return postNew(normalized(held.capture(captured)), held).then();
    }

    /** The request with its metadata as it will read back from jsonb, so replays compare equal. */
    private TransferRequest normalized(TransferRequest request) {
        return new TransferRequest(request.id(), request.tenantId(), request.userId(), request.kind(),
                request.amount(), request.description(), store.normalize(request.metadata()), request.service());
    }

    private Mono<Void> publish(Transfer t) {
        Mono<Void> main = switch (t.kind()) {
            case STARTING_GRANT, ADMIN_GRANT, PURCHASE -> events.append(t.tenantId(), t.userId(),
                    new CreditsGranted(t.userId(), t.id(), t.amount(), t.walletBalance(), t.kind().name().toLowerCase()));
            case CONSUME -> events.append(t.tenantId(), t.userId(),
                    new CreditsConsumed(t.userId(), t.id(), t.amount(), t.walletBalance(), t.service()));
            case HOLD_CAPTURE, CLAWBACK -> Mono.empty();
        };
        return main.then(lowBalance(t.tenantId(), t.userId(), t.walletBalance() - t.walletDelta(), t.walletBalance()));
    }

    /** Publishes credits.low when this change took the balance below the threshold. */
    private Mono<Void> lowBalance(String tenantId, String userId, long before, long after) {
        if (!LowBalance.crossed(before, after, lowThreshold)) {
            return Mono.empty();
        }
        return events.append(tenantId, userId, new CreditsLow(userId, after, lowThreshold));
    }
}
