package io.plinth.credit.reactions;

import io.plinth.credit.hold.HoldCaller;
import io.plinth.credit.hold.HoldService;
import io.plinth.credit.hold.HoldState;
import io.plinth.credit.ledger.LedgerService;
import io.plinth.credit.ledger.TransferIds;
import io.plinth.credit.ledger.TransferKind;
import io.plinth.credit.ledger.TransferRequest;
import io.plinth.credit.refusal.CreditException;
import io.plinth.credit.tier.Tier;
import io.plinth.credit.tier.TierPolicy;
import io.plinth.credit.tier.Tiers;
import io.plinth.events.EventEnvelope;
import io.plinth.events.payment.PaymentRefunded;
import io.plinth.events.payment.PaymentSucceeded;
import io.plinth.events.payment.SubscriptionActivated;
import io.plinth.events.payment.SubscriptionCanceled;
import io.plinth.events.user.UserRegistered;
import io.plinth.events.video.VideoGenerationCompleted;
import io.plinth.events.video.VideoGenerationFailed;
import io.plinth.platform.kafka.EventSubscriptions;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * What credit-service does when the rest of the platform speaks. Each handler runs in the inbox
 * transaction of its event (platform-service), so a redelivery is skipped and a failure rolls the
 * whole reaction back for a retry.
 */
@Configuration
class EventReactions {

    private static final Logger log = LoggerFactory.getLogger(EventReactions.class);

    /** Events from before tenants existed carry none; they belong to the default tenant. */
    static final String DEFAULT_TENANT = "default";

    private final LedgerService ledger;
    private final HoldService holds;
    private final Tiers tiers;
    private final TierPolicy policy;
    private final PaymentGrants payments;
    private final Clock clock;

    EventReactions(LedgerService ledger, HoldService holds, Tiers tiers, TierPolicy policy,
            PaymentGrants payments, Clock clock) {
        this.ledger = ledger;
        this.holds = holds;
        this.tiers = tiers;
        this.policy = policy;
        this.payments = payments;
        this.clock = clock;
    }

    @Bean
    EventSubscriptions creditServiceSubscriptions() {
        return EventSubscriptions.builder()
                .on(UserRegistered.class, this::userRegistered)
                .on(PaymentSucceeded.class, (event, data) -> payments.paymentSucceeded(tenant(event), data))
                .on(PaymentRefunded.class, (event, data) -> payments.paymentRefunded(tenant(event), data))
                .on(SubscriptionActivated.class, (event, data) -> tiers.activate(tenant(event), data.userId(),
                        Tier.parse(data.tier()), data.subscriptionId(), clock.instant()))
                .on(SubscriptionCanceled.class, (event, data) -> tiers.cancel(tenant(event), data.userId(),
                        data.subscriptionId(), clock.instant()))
                .on(VideoGenerationCompleted.class, (event, data) -> settleHold(event, data.userId(), data.holdId(),
                        true, null))
                .on(VideoGenerationFailed.class, (event, data) -> settleHold(event, data.userId(), data.holdId(),
                        false, data.reason()))
                .build();
    }

    /** Opens the wallet and grants the tier's starting credits, once per user (derived transfer id). */
    Mono<Void> userRegistered(EventEnvelope event, UserRegistered user) {
        String tenant = tenant(event);
        long credits = policy.startingCredits(Tier.parse(user.tier()));
        if (credits <= 0) {
            return ledger.openWallet(tenant, user.userId()).then();
        }
        return ledger.postInCurrentTransaction(new TransferRequest(TransferIds.startingGrant(tenant, user.userId()),
                        tenant, user.userId(), TransferKind.STARTING_GRANT, credits, "welcome credits", Map.of(), null))
                .then();
    }

    /**
     * Captures the job's hold when its video is stored, releases it when the job failed. A hold
     * that is already settled (say it expired first) is left as it is: retrying would not change it.
     */
    private Mono<Void> settleHold(EventEnvelope event, String userId, String holdId, boolean completed, String reason) {
        if (holdId == null || holdId.isBlank()) {
            return Mono.empty();
        }
        UUID id;
        try {
            id = UUID.fromString(holdId);
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring {} {}: hold id {} is not one of ours", event.type(), event.id(), holdId);
            return Mono.empty();
        }
        String tenant = tenant(event);
        HoldCaller platform = HoldCaller.platform(tenant);
        return holds.find(platform, id)
                .filter(hold -> hold.userId().equals(userId))
                .switchIfEmpty(Mono.fromRunnable(() -> log.warn("Ignoring {} {}: no hold {} of user {} in tenant {}",
                        event.type(), event.id(), id, userId, tenant)))
                .flatMap(hold -> {
                    if (hold.state() != HoldState.PENDING) {
                        log.warn("Ignoring {} {}: hold {} is already {}", event.type(), event.id(), id, hold.state());
                        return Mono.empty();
                    }
                    if (!hold.expiresAt().isAfter(clock.instant())) {
                        // Too late to capture; the sweeper releases it.
                        log.warn("Ignoring {} {}: hold {} expired at {}", event.type(), event.id(), id, hold.expiresAt());
                        return Mono.empty();
                    }
                    return completed ? holds.capture(platform, id, null).then()
                            : holds.release(platform, id, reason == null ? "generation-failed" : reason).then();
                })
                .onErrorResume(CreditException.class, e -> {
                    log.warn("Ignoring {} {} for hold {}: {}", event.type(), event.id(), id, e.getMessage());
                    return Mono.empty();
                });
    }

    static String tenant(EventEnvelope event) {
        return event.tenantId() == null || event.tenantId().isBlank() ? DEFAULT_TENANT : event.tenantId();
    }
}
