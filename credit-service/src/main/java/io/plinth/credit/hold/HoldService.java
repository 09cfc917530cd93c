package io.plinth.credit.hold;

import io.plinth.credit.ledger.CreditEvents;
import io.plinth.credit.ledger.LedgerService;
import io.plinth.credit.ledger.SqlStates;
import io.plinth.credit.refusal.CreditException;
import io.plinth.credit.refusal.Refusal;
import io.plinth.events.credit.CreditsHoldCaptured;
import io.plinth.events.credit.CreditsHoldReleased;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Two-phase spending: reserve now (held credits leave the available balance), then capture all or
 * part, or release. Holds nobody settles expire. Capture and release are idempotent: repeating the
 * same outcome answers with the settled hold; asking for a different outcome is a 409. Only whoever
 * placed a hold (or an admin of its tenant) may settle it. This class owns the hold's state; every
 * change to a balance goes through {@link LedgerService}.
 */
@Service
public class HoldService {

    private static final Logger log = LoggerFactory.getLogger(HoldService.class);

    private final HoldStore holds;
    private final LedgerService ledger;
    private final CreditEvents events;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final HoldProperties properties;

    HoldService(HoldStore holds, LedgerService ledger, CreditEvents events, TransactionalOperator tx, Clock clock,
            HoldProperties properties) {
        this.holds = holds;
        this.ledger = ledger;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * @param requestId idempotency: the same request id returns the same hold
     * @param placedBy  who places it ({@link HoldCaller#principal()})
     * @param ttl null for the default (15 minutes)
     */
    public record NewHold(String requestId, String tenantId, String userId, long amount, String service,
            String reference, String description, Duration ttl, String placedBy) {

        public NewHold {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(placedBy, "placedBy");
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
            return Mono.error(new CreditException(Refusal.INVALID_HOLD_TTL,
                    "expiresInSeconds must be between 1 and " + properties.maxHoldTtl().toSeconds()));
        }
        return holds.findByRequest(request.requestId())
                .map(existing -> replay(request, existing))
                .switchIfEmpty(Mono.defer(() -> tx.transactional(placeNew(request, ttl))
                        .retryWhen(SqlStates.transientRetry())
                        .map(hold -> new Placed(hold, false))))
                .onErrorResume(SqlStates::isUniqueViolation,
                        e -> holds.findByRequest(request.requestId()).map(existing -> replay(request, existing)));
    }

    private Placed replay(NewHold request, Hold existing) {
        if (existing.amount() != request.amount() || !existing.service().equals(request.service())
                || !existing.userId().equals(request.userId()) || !existing.tenantId().equals(request.tenantId())
                || !Objects.equals(existing.reference(), request.reference())
                || !existing.placedBy().equals(request.placedBy())) {
            throw new CreditException(Refusal.HOLD_REQUEST_REUSED,
                    "this hold request id was already used for a different hold");
        }
        return new Placed(existing, true);
    }

    private Mono<Hold> placeNew(NewHold request, Duration ttl) {
        Instant now = clock.instant();
        return ledger.reserve(request.tenantId(), request.userId(), request.service(), request.amount())
                .flatMap(wallet -> holds.insert(new Hold(UUID.randomUUID(), request.requestId(),
                        request.tenantId(), request.userId(), wallet.id(), request.amount(), 0,
                        HoldState.PENDING, request.service(), request.reference(), request.description(),
                        now.plus(ttl), now, null, request.placedBy())));
    }

    /** The hold, if this caller may see it (404 otherwise, whoever owns it). */
    public Mono<Hold> find(HoldCaller caller, UUID holdId) {
        return holds.find(holdId)
                .filter(h -> h.visibleTo(caller))
                .switchIfEmpty(Mono.error(() -> CreditException.notFound("hold " + holdId)));
    }

    /** The hold, if this caller may settle it: to anyone else it does not exist. */
    private Mono<Hold> findSettleable(HoldCaller caller, UUID holdId) {
        return holds.find(holdId)
                .filter(h -> h.settleableBy(caller))
                .switchIfEmpty(Mono.error(() -> CreditException.notFound("hold " + holdId)));
    }

    /** Captures {@code amount} (all of it when null) and returns the rest to the wallet. */
    public Mono<Hold> capture(HoldCaller caller, UUID holdId, Long amount) {
        Instant now = clock.instant();
        return tx.transactional(findSettleable(caller, holdId).flatMap(hold -> {
            long captured = amount == null ? hold.amount() : amount;
            if (captured < 0 || captured > hold.amount()) {
                return Mono.error(new CreditException(Refusal.INVALID_CAPTURE_AMOUNT,
                        "credits must be between 0 and the held " + hold.amount()));
            }
            return holds.markCaptured(holdId, captured, now)
                    .flatMap(this::settleCapture)
                    .switchIfEmpty(Mono.defer(() -> holds.find(holdId)
                            .flatMap(current -> alreadySettled(current, HoldState.CAPTURED, amount, now))));
        })).retryWhen(SqlStates.transientRetry());
    }

    private Mono<Hold> settleCapture(Hold hold) {
        return events.append(hold.tenantId(), hold.userId(), new CreditsHoldCaptured(hold.id().toString(),
                        hold.userId(), hold.captured(), hold.amount() - hold.captured(), hold.reference()))
                .then(ledger.captureHeld(hold.credits(), hold.captured()))
                .thenReturn(hold);
    }

    /** Releases the whole hold back to the available balance. */
    public Mono<Hold> release(HoldCaller caller, UUID holdId, String reason) {
        Instant now = clock.instant();
        return tx.transactional(findSettleable(caller, holdId)
                        .flatMap(hold -> holds.markReleased(holdId, HoldState.RELEASED, now)
                                .flatMap(settled -> settleRelease(settled, reason))
                                .switchIfEmpty(Mono.defer(() -> holds.find(holdId)
                                        .flatMap(current -> alreadySettled(current, HoldState.RELEASED, null, now))))))
                .retryWhen(SqlStates.transientRetry());
    }

    private Mono<Hold> settleRelease(Hold hold, String reason) {
        return ledger.releaseHeld(hold.credits())
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
            return Mono.error(new CreditException(Refusal.HOLD_EXPIRED, "hold " + current.id() + " has expired"));
        }
        return Mono.error(new CreditException(Refusal.HOLD_ALREADY_SETTLED,
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
                .retryWhen(SqlStates.transientRetry())
                .flatMap(hold -> expireFrom(done + 1, max))
                .defaultIfEmpty(done)
                .doOnNext(count -> {
                    if (done == 0 && count > 0) {
                        log.info("Expired {} credit holds", count);
                    }
                });
    }
}
