package io.plinth.payment.api;

import io.plinth.payment.stripe.StripeSubscriptions;
import io.plinth.payment.subscriptions.Subscription;
import io.plinth.payment.subscriptions.SubscriptionStatus;
import io.plinth.payment.subscriptions.Subscriptions;
import io.plinth.platform.problem.ApiException;
import io.plinth.platform.security.CurrentUser;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The signed-in user's subscriptions (tier plans). */
@RestController
@RequestMapping("/api/v1/payments/subscriptions")
class SubscriptionController {

    record SubscriptionResponse(String subscriptionId, String provider, String priceId, String tier, String status,
            boolean cancelAtPeriodEnd, Instant currentPeriodEnd, Instant createdAt) {

        static SubscriptionResponse of(Subscription s) {
            return new SubscriptionResponse(s.id(), s.provider(), s.priceId(), s.tier(), s.status().wire(),
                    s.cancelAtPeriodEnd(), s.currentPeriodEnd(), s.createdAt());
        }
    }

    record SubscriptionsResponse(List<SubscriptionResponse> items) {
    }

    private final Subscriptions subscriptions;
    private final StripeSubscriptions stripe;

    SubscriptionController(Subscriptions subscriptions, StripeSubscriptions stripe) {
        this.subscriptions = subscriptions;
        this.stripe = stripe;
    }

    @GetMapping
    Mono<SubscriptionsResponse> list(CurrentUser user) {
        return subscriptions.ofUser(user.tenantId(), user.userId())
                .map(all -> new SubscriptionsResponse(all.stream().map(SubscriptionResponse::of).toList()));
    }

    /** Cancels at the end of the paid period; the tier stays until then. Repeating it changes nothing. */
    @PostMapping("/{subscriptionId}/cancel")
    Mono<SubscriptionResponse> cancel(CurrentUser user, @PathVariable String subscriptionId) {
        return subscriptions.owned(user.tenantId(), user.userId(), subscriptionId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("No subscription " + subscriptionId + ".")))
                .flatMap(s -> {
                    if (s.status() != SubscriptionStatus.ACTIVE) {
                        return Mono.error(ApiException.conflict("subscription_not_active",
                                "Subscription " + s.id() + " is " + s.status().wire() + "."));
                    }
                    return s.cancelAtPeriodEnd() ? Mono.just(s) : stripe.cancelAtPeriodEnd(s);
                })
                .map(SubscriptionResponse::of);
    }
}
