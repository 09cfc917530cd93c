package io.plinth.payment.payments;

import io.plinth.events.EventFactory;
import io.plinth.events.payment.PaymentFailed;
import io.plinth.events.payment.PaymentRefunded;
import io.plinth.events.payment.PaymentSucceeded;
import io.plinth.platform.outbox.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The payments feature's API: records payments and applies provider outcomes through the state
 * machine ({@link PaymentStatus}), writing the matching event to the outbox in the same transaction.
 * The outcome methods must run inside the caller's transaction (the inbox transaction of the event).
 */
@Service
public class Payments {

    private static final Logger log = LoggerFactory.getLogger(Payments.class);

    /** A page of a user's payments, newest first. */
    public record Page(List<Payment> items, String nextCursor) {
    }

    private final PaymentStore store;
    private final Outbox outbox;
    private final EventFactory events;
    private final Clock clock;

    Payments(PaymentStore store, Outbox outbox, EventFactory events, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.events = events;
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Stores a new payment; a payment with the same id (a retried request) is answered as stored. */
    public Mono<Payment> record(Payment payment) {
        return store.insert(payment);
    }

    public Mono<Payment> owned(String tenantId, String userId, UUID id) {
        return store.owned(tenantId, userId, id);
    }

    public Mono<Payment> attachProviderRef(UUID id, String ref) {
        return store.attachProviderRef(id, ref, clock.instant());
    }

    public Mono<Void> discardUnsent(UUID id) {
        return store.discardUnsent(id).then();
    }

    /** Pending payments of a provider started before {@code before}, oldest first. */
    public reactor.core.publisher.Flux<Payment> pendingBefore(String provider, Instant before, int limit) {
        return store.pendingBefore(provider, before, limit);
    }

    public Mono<Payment> inTenant(String tenantId, UUID id) {
        return store.inTenant(tenantId, id);
    }

    public Mono<Payment> byId(UUID id) {
        return store.byId(id);
    }

    public Mono<Payment> byProviderRef(String provider, String ref) {
        return store.byProviderRef(provider, ref);
    }

    public Mono<Payment> byProviderPayment(String provider, String providerPaymentId) {
        return store.byProviderPayment(provider, providerPaymentId);
    }

    public Mono<Page> page(String tenantId, String userId, String cursor, int limit) {
        PageCursor after = PageCursor.parse(cursor);
        return store.page(tenantId, userId, after == null ? null : after.time(), after == null ? null : after.id(),
                        limit + 1)
                .collectList()
                .map(rows -> {
                    if (rows.size() <= limit) {
                        return new Page(rows, null);
                    }
                    Payment last = rows.get(limit - 1);
                    return new Page(rows.subList(0, limit), new PageCursor(last.createdAt(), last.id()).encode());
                });
    }

    /** A page of the tenant's payments for its admins, newest first; null filters match everything. */
    public Mono<Page> tenantPage(String tenantId, PaymentStatus status, String provider, String userId, String cursor,
            int limit) {
        PageCursor after = PageCursor.parse(cursor);
        return store.tenantPage(tenantId, status == null ? null : status.wire(), provider, userId,
                        after == null ? null : after.time(), after == null ? null : after.id(), limit + 1)
                .collectList()
                .map(rows -> {
                    if (rows.size() <= limit) {
                        return new Page(rows, null);
                    }
                    Payment last = rows.get(limit - 1);
                    return new Page(rows.subList(0, limit), new PageCursor(last.createdAt(), last.id()).encode());
                });
    }

    /**
     * The provider says the money arrived. Applied once: a payment that is already settled, or an
     * outcome whose amount or currency is not what the payment asked for, changes nothing.
     */
    public Mono<Void> complete(UUID id, String providerPaymentId, long amountMinor, String currency, String evidence) {
        return store.lock(id)
                .switchIfEmpty(Mono.defer(() -> {
                    log.warn("Ignoring {}: no payment {}", evidence, id);
                    return Mono.empty();
                }))
                .flatMap(payment -> {
                    if (payment.amountMinor() != amountMinor || !payment.currency().equalsIgnoreCase(currency)) {
                        log.error("Ignoring {} for payment {}: it reports {} {}, the payment is for {} {}", evidence, id,
                                amountMinor, currency, payment.amountMinor(), payment.currency());
                        return Mono.empty();
                    }
                    return move(payment, PaymentStatus.COMPLETED, providerPaymentId, 0, null, evidence)
                            .flatMap(done -> outbox.append(events.create(done.id().toString(), done.tenantId(),
                                    new PaymentSucceeded(done.id().toString(), done.userId(), done.provider(),
                                            done.productId(), done.priceId(), done.credits(), done.amountMinor(),
                                            done.currency(), done.entitlement(), done.tier(), done.entitlements()))));
                });
    }

    /** The provider says this attempt failed (declined, cancelled, timed out). */
    public Mono<Void> fail(UUID id, String reason, String evidence) {
        return store.lock(id)
                .switchIfEmpty(Mono.defer(() -> {
                    log.warn("Ignoring {}: no payment {}", evidence, id);
                    return Mono.empty();
                }))
                .flatMap(payment -> move(payment, PaymentStatus.FAILED, null, 0, reason, evidence))
                .flatMap(failed -> outbox.append(events.create(failed.id().toString(), failed.tenantId(),
                        new PaymentFailed(failed.id().toString(), failed.userId(), failed.provider(), reason))));
    }

    /**
     * The provider reports {@code totalRefundedMinor} refunded so far (cumulative, as Stripe's charge
     * does). Publishes {@code payment.refunded} with the delta, once per new total.
     */
    public Mono<Void> refunded(UUID id, long totalRefundedMinor, String refundId, String evidence) {
        return store.lock(id)
                .switchIfEmpty(Mono.defer(() -> {
                    log.warn("Ignoring {}: no payment {}", evidence, id);
                    return Mono.empty();
                }))
                .flatMap(payment -> {
                    PaymentStatus target = totalRefundedMinor >= payment.amountMinor()
                            ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
                    if (!payment.status().canMoveTo(target) || totalRefundedMinor <= payment.refundedMinor()
                            || totalRefundedMinor > payment.amountMinor()) {
                        log.warn("Ignoring {} for payment {}: it is {} with {} refunded, the report says {} of {}",
                                evidence, id, payment.status().wire(), payment.refundedMinor(), totalRefundedMinor,
                                payment.amountMinor());
                        return Mono.empty();
                    }
                    return store.refund(id, target, totalRefundedMinor, clock.instant())
                            .flatMap(done -> {
                                log.info("Payment {} {} -> {}, {} of {} refunded ({})", id, payment.status().wire(),
                                        done.status().wire(), done.refundedMinor(), done.amountMinor(), evidence);
                                return outbox.append(events.create(done.id().toString(), done.tenantId(),
                                        new PaymentRefunded(done.id().toString(), done.userId(), refundId,
                                                done.refundedMinor() - payment.refundedMinor(), done.refundedMinor(),
                                                done.amountMinor(), done.currency(), done.credits())));
                            });
                });
    }

    private Mono<Payment> move(Payment payment, PaymentStatus target, String providerPaymentId, long refundedMinor,
            String reason, String evidence) {
        if (!payment.status().canMoveTo(target)) {
            logRefused(payment, target, evidence);
            return Mono.empty();
        }
        return store.transition(payment.id(), target, providerPaymentId, refundedMinor, reason, clock.instant())
                .doOnNext(moved -> log.info("Payment {} {} -> {} ({})", payment.id(), payment.status().wire(),
                        target.wire(), evidence))
                // Another event moved it first: what it moved to decides whether this one still applies.
                .switchIfEmpty(Mono.defer(() -> store.byId(payment.id())
                        .doOnNext(now -> logRefused(now, target, evidence))
                        .then(Mono.empty())));
    }

    private static void logRefused(Payment payment, PaymentStatus target, String evidence) {
        if (payment.status() == target) {
            log.info("Payment {} is already {}; {} changes nothing", payment.id(), target.wire(), evidence);
        } else {
            log.warn("Refused transition {} -> {} for payment {} ({}): not allowed, ignored", payment.status().wire(),
                    target.wire(), payment.id(), evidence);
        }
    }
}
