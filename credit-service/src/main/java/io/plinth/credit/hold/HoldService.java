package io.plinth.credit.hold;

import io.plinth.credit.ledger.CreditEvents;
import io.plinth.credit.ledger.CreditException;
import io.plinth.credit.ledger.CreditProperties;
import io.plinth.credit.ledger.LedgerService;
import io.plinth.credit.ledger.LedgerStore;
import io.plinth.credit.ledger.SqlStates;
import io.plinth.credit.ledger.TransferIds;
import io.plinth.credit.ledger.TransferKind;
import io.plinth.credit.ledger.TransferRequest;
import io.plinth.credit.tier.TierPolicy;
import io.plinth.credit.tier.UtcDay;
import io.plinth.events.credit.CreditsHoldCaptured;
import io.plinth.events.credit.CreditsHoldReleased;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Two-phase spending: reserve now (held credits leave the available balance), then capture all or
 * part, or release. Holds nobody settles expire. Capture and release are idempotent: repeating the
 * same outcome answers with the settled hold; asking for a different outcome is a 409.
 */
@Service
public class HoldService {

    private static final Logger log = LoggerFactory.getLogger(HoldService.class);

    private final HoldStore holds;
    private final LedgerStore ledger;
    private final LedgerService ledgerService;
    private final TierPolicy policy;
    private final CreditEvents events;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final CreditProperties properties;

    HoldService(HoldStore holds, LedgerStore ledger, LedgerService ledgerService, TierPolicy policy,
            CreditEvents events, TransactionalOperator tx, Clock clock, CreditProperties properties) {
        this.holds = holds;
        this.ledger = ledger;
        this.ledgerService = ledgerService;
        this.policy = policy;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * @param requestId idempotency: the same request id returns the same hold
     * @param ttl null for the default (15 minutes)
     */
    public record NewHold(String requestId, String tenantId, String userId, long amount, String service,
            String reference, String description, Duration ttl) {

        public NewHold {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(service, "service");
            if (amount <= 0) {
                throw new IllegalArgumentException("amount must be positive");
            }
        }
    }

    public record Placed(Hold hold, boolean replayed) {
    }

    public Mono<Placed> place(NewHold request) {
        Duration ttl = request.ttl() == null ? properties.holdTtl() : request.ttl();
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(properties.maxHoldTtl()) > 0) {
            return Mono.error(new CreditException(422, "invalid_hold_ttl",
                    "expiresInSeconds must be between 1 and " + properties.maxHoldTtl().toSeconds()));
        }
        return holds.findByRequest(request.requestId())
                .map(existing -> replay(request, existing))
                .switchIfEmpty(Mono.defer(() -> tx.transactional(placeNew(request, ttl))
                        .retryWhen(transientRetry())
                        .map(hold -> new Placed(hold, false))))
                .onErrorResume(SqlStates::isUniqueViolation,
                        e -> holds.findByRequest(request.requestId()).map(existing -> replay(request, existing)));
    }

    private Placed replay(NewHold request, Hold existing) {
        if (existing.amount() != request.amount() || !existing.service().equals(request.service())
                || !existing.userId().equals(request.userId()) || !existing.tenantId().equals(request.tenantId())
                || !Objects.equals(existing.reference(), request.reference())) {
            throw new CreditException(409, "idempotency_key_reused",
                    "this hold request id was already used for a different hold");
        }
        return new Placed(existing, true);
    }

    private Mono<Hold> placeNew(NewHold request, Duration ttl) {
        Instant now = clock.instant();
        return ledger.findWallet(request.tenantId(), request.userId())
                .switchIfEmpty(Mono.error(() -> CreditException.insufficientCredits(request.amount(), 0)))
                // Lock order: the usage row first, then the wallet row (see LedgerService).
                .flatMap(wallet -> ledgerService.chargeDailyUsage(request.tenantId(), request.userId(),
                                request.service(), now)
                        .then(ledger.reserve(wallet.id(), request.amount()))
                        .switchIfEmpty(Mono.defer(() -> ledger.findWallet(wallet.id())
                                .flatMap(current -> Mono.error(current.inDebt()
                                        ? CreditException.inDebt(current.balance())
                                        : CreditException.insufficientCredits(request.amount(), current.available())))))
                        .flatMap(reserved -> holds.insert(new Hold(UUID.randomUUID(), request.requestId(),
                                request.tenantId(), request.userId(), wallet.id(), request.amount(), 0,
                                HoldState.PENDING, request.service(), request.reference(), request.description(),
                                now.plus(ttl), now, null))));
    }

    /** The hold, if it belongs to this user of this tenant (404 otherwise, whoever owns it). */
    public Mono<Hold> find(String tenantId, String userId, UUID holdId) {
        return holds.find(holdId)
                .filter(h -> h.tenantId().equals(tenantId) && (userId == null || h.userId().equals(userId)))
                .switchIfEmpty(Mono.error(() -> CreditException.notFound("hold " + holdId)));
    }

    /**
     * Captures {@code amount} (all of it when null) and returns the rest to the wallet.
     *
     * @param userId null when the caller is the platform (a video job event) rather than the user
     */
    public Mono<Hold> capture(String tenantId, String userId, UUID holdId, Long amount) {
        Instant now = clock.instant();
        return tx.transactional(find(tenantId, userId, holdId).flatMap(hold -> {
            long captured = amount == null ? hold.amount() : amount;
            if (captured < 0 || captured > hold.amount()) {
                return Mono.error(new CreditException(422, "invalid_capture_amount",
                        "credits must be between 0 and the held " + hold.amount()));
            }
            return holds.markCaptured(holdId, captured, now)
                    .flatMap(settled -> settleCapture(settled, now))
                    .switchIfEmpty(Mono.defer(() -> holds.find(holdId)
                            .flatMap(current -> alreadySettled(current, HoldState.CAPTURED, amount, now))));
        })).retryWhen(transientRetry());
    }

    private Mono<Hold> settleCapture(Hold hold, Instant now) {
        long captured = hold.captured();
        Mono<Long> balance = ledger.adjustBalance(hold.walletId(), -captured, hold.amount());
        return balance.flatMap(after -> {
            Mono<Void> transfer = captured == 0 ? Mono.empty()
                    : ledger.insertTransfer(new TransferRequest(TransferIds.holdCapture(hold.id()), hold.tenantId(),
                                    hold.userId(), TransferKind.HOLD_CAPTURE, captured, hold.description(),
                                    hold.reference() == null ? Map.of() : Map.of("reference", hold.reference()),
                                    hold.service()), hold.walletId(), after, hold.id(), now)
                            .then();
            return transfer
                    .then(events.append(hold.tenantId(), hold.userId(), new CreditsHoldCaptured(hold.id().toString(),
                            hold.userId(), captured, hold.amount() - captured, hold.reference())))
                    .then(ledgerService.lowBalance(hold.tenantId(), hold.userId(), after + captured, after));
        }).thenReturn(hold);
    }

    /** Releases the whole hold back to the available balance. */
    public Mono<Hold> release(String tenantId, String userId, UUID holdId, String reason) {
        Instant now = clock.instant();
        return tx.transactional(find(tenantId, userId, holdId)
                        .flatMap(hold -> holds.markReleased(holdId, HoldState.RELEASED, now)
                                .flatMap(settled -> settleRelease(settled, reason))
                                .switchIfEmpty(Mono.defer(() -> holds.find(holdId)
                                        .flatMap(current -> alreadySettled(current, HoldState.RELEASED, null, now))))))
                .retryWhen(transientRetry());
    }

    private Mono<Hold> settleRelease(Hold hold, String reason) {
        // Lock order: usage row before wallet row. A job that never produced a video does not
        // count against the day it was reserved on.
        Mono<Long> usage = policy.isMetered(hold.service())
                ? ledger.uncountUsage(hold.tenantId(), hold.userId(), hold.service(), UtcDay.of(hold.createdAt()))
                : Mono.just(0L);
        return usage.then(ledger.unreserve(hold.walletId(), hold.amount()))
                .then(events.append(hold.tenantId(), hold.userId(),
                        new CreditsHoldReleased(hold.id().toString(), hold.userId(), hold.amount(), reason)))
                .thenReturn(hold);
    }

    private Mono<Hold> alreadySettled(Hold current, HoldState wanted, Long amount, Instant now) {
        boolean sameOutcome = wanted == HoldState.CAPTURED
                ? current.state() == HoldState.CAPTURED && (amount == null || amount == current.captured())
                : current.state() == HoldState.RELEASED || current.state() == HoldState.EXPIRED;
        if (sameOutcome) {
            return Mono.just(current);
        }
        if (current.state() == HoldState.EXPIRED
                || (current.state() == HoldState.PENDING && !current.expiresAt().isAfter(now))) {
            return Mono.error(new CreditException(409, "hold_expired", "hold " + current.id() + " has expired"));
        }
        return Mono.error(new CreditException(409, "hold_already_settled",
                "hold " + current.id() + " is already " + current.state().name().toLowerCase()));
    }

    /**
     * Expires every pending hold past its expiry, one small transaction each. Safe to run on every
     * replica at once: each hold is claimed with SKIP LOCKED and moved out of PENDING exactly once.
     *
     * @return how many holds this call expired
     */
    public Mono<Integer> expireDue() {
        return expireFrom(0, 1000);
    }

    private Mono<Integer> expireFrom(int done, int max) {
        if (done >= max) {
            return Mono.just(done);
        }
        Instant now = clock.instant();
        return tx.transactional(holds.expireOne(now).flatMap(hold -> settleRelease(hold, "expired")))
                .retryWhen(transientRetry())
                .flatMap(hold -> expireFrom(done + 1, max))
                .defaultIfEmpty(done)
                .doOnNext(count -> {
                    if (done == 0 && count > 0) {
                        log.info("Expired {} credit holds", count);
                    }
                });
    }

    private static Retry transientRetry() {
        return Retry.backoff(5, Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(100))
                .filter(SqlStates::isTransient);
    }
}
