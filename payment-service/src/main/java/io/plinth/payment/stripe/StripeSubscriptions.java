package io.plinth.payment.stripe;

import com.stripe.net.RequestOptions;
import com.stripe.param.SubscriptionUpdateParams;
import io.plinth.payment.subscriptions.Subscription;
import io.plinth.payment.subscriptions.Subscriptions;
import reactor.core.publisher.Mono;

/** The user's side of a Stripe subscription: cancel at the end of the paid period. */
public final class StripeSubscriptions {

    private final StripeCalls stripe;
    private final Subscriptions subscriptions;

    StripeSubscriptions(StripeCalls stripe, Subscriptions subscriptions) {
        this.stripe = stripe;
        this.subscriptions = subscriptions;
    }

    /** Stripe keeps the subscription (and the tier) until the period ends, then sends {@code customer.subscription.deleted}. */
    public Mono<Subscription> cancelAtPeriodEnd(Subscription subscription) {
        SubscriptionUpdateParams params = SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(true).build();
        RequestOptions options = RequestOptions.builder()
                .setIdempotencyKey("plinth-cancel-" + subscription.id())
                .build();
        return stripe.idempotent("cancel subscription at period end",
                        client -> client.v1().subscriptions().update(subscription.id(), params, options))
                .then(subscriptions.cancelRequested(subscription.id()));
    }
}
