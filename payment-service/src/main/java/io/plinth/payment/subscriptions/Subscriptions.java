package io.plinth.payment.subscriptions;

import io.plinth.events.EventFactory;
import io.plinth.events.payment.SubscriptionActivated;
import io.plinth.events.payment.SubscriptionCanceled;
import io.plinth.platform.outbox.Outbox;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Applies provider reports about subscriptions through {@link SubscriptionStatus}, publishing
 * {@code subscription.activated} when a tier starts or renews and {@code subscription.canceled} when an
 * active one ends. Runs inside the caller's (inbox) transaction; the row lock orders reports of one
 * subscription, whatever order they arrive in.
 */
@Service
public class Subscriptions {

    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

    private final SubscriptionStore store;
    private final Outbox outbox;
    private final EventFactory events;
    private final Clock clock;

    Subscriptions(SubscriptionStore store, Outbox outbox, EventFactory events, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.events = events;
        this.clock = clock;
    }

    public Mono<List<Subscription>> ofUser(String tenantId, String userId) {
        return store.ofUser(tenantId, userId).collectList();
    }

    public Mono<Subscription> owned(String tenantId, String userId, String id) {
        return store.owned(tenantId, userId, id);
    }

    /** The user asked to stop at the period's end; the provider confirmed. The tier stays until it ends. */
    public Mono<Subscription> cancelRequested(String id) {
        return store.markCancelAtPeriodEnd(id, clock.instant());
    }

    public Mono<Void> report(SubscriptionReport report, String evidence) {
        if (report.tenantId() == null || report.userId() == null || report.tier() == null) {
            log.warn("Ignoring {}: subscription {} carries no Plinth tenant, user or tier", evidence,
                    report.subscriptionId());
            return Mono.empty();
        }
        return store.insertIfNew(report, clock.instant()).flatMap(created -> created
                ? (report.status() == SubscriptionStatus.ACTIVE ? activated(report.subscriptionId(), report.tenantId(),
                        report.userId(), report.tier(), report) : Mono.<Void>empty())
                : store.lock(report.subscriptionId()).flatMap(current -> apply(current, report, evidence)));
    }

    private Mono<Void> apply(Subscription current, SubscriptionReport report, String evidence) {
        SubscriptionStatus target = report.status();
        if (current.status() == target) {
            boolean renewed = target == SubscriptionStatus.ACTIVE && report.currentPeriodEnd() != null
                    && (current.currentPeriodEnd() == null || report.currentPeriodEnd().isAfter(current.currentPeriodEnd()));
            return store.update(current.id(), target, report.cancelAtPeriodEnd(), report.currentPeriodEnd(), clock.instant())
                    .flatMap(updated -> renewed ? activated(updated.id(), updated.tenantId(), updated.userId(),
                            updated.tier(), report) : Mono.empty());
        }
        if (!current.status().canMoveTo(target)) {
            log.warn("Refused subscription transition {} -> {} for {} ({}): not allowed, ignored",
                    current.status().wire(), target.wire(), current.id(), evidence);
            return Mono.empty();
        }
        log.info("Subscription {} {} -> {} ({})", current.id(), current.status().wire(), target.wire(), evidence);
        return store.update(current.id(), target, report.cancelAtPeriodEnd(), report.currentPeriodEnd(), clock.instant())
                .flatMap(updated -> switch (target) {
                    case ACTIVE -> activated(updated.id(), updated.tenantId(), updated.userId(), updated.tier(), report);
                    case CANCELED -> current.status() == SubscriptionStatus.ACTIVE
                            ? outbox.append(events.create(updated.id(), updated.tenantId(),
                                    new SubscriptionCanceled(updated.id(), updated.userId(), updated.tier())))
                            : Mono.empty();
                    case INCOMPLETE -> Mono.empty();
                });
    }

    private Mono<Void> activated(String id, String tenantId, String userId, String tier, SubscriptionReport report) {
        return outbox.append(events.create(id, tenantId,
                new SubscriptionActivated(id, userId, tier, report.currentPeriodEnd())));
    }
}
