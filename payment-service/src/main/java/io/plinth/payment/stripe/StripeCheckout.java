package io.plinth.payment.stripe;

import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionCreateParams.LineItem;
import com.stripe.param.checkout.SessionCreateParams.LineItem.PriceData;
import io.plinth.payment.catalog.CatalogPrice;
import io.plinth.payment.catalog.CatalogPrice.Mode;
import io.plinth.payment.payments.Payment;
import io.plinth.payment.payments.Payments;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * Starts a card payment: the user's Stripe customer, a Checkout Session created with an idempotency
 * key, then the pending payment row. The payment id is derived from the client's Idempotency-Key, so
 * a client retrying after a failure gets the same payment and (through Stripe's idempotency) the same
 * session; when Stripe fails nothing is written.
 */
public final class StripeCheckout {

    private final StripeCalls stripe;
    private final StripeCustomers customers;
    private final Payments payments;
    private final StripeCatalogSync catalog;

    StripeCheckout(StripeCalls stripe, StripeCustomers customers, Payments payments, StripeCatalogSync catalog) {
        this.stripe = stripe;
        this.customers = customers;
        this.payments = payments;
        this.catalog = catalog;
    }

    public Mono<CheckoutStarted> start(CheckoutOrder order) {
        UUID paymentId = paymentId(order);
        return payments.byId(paymentId)
                .filter(existing -> existing.tenantId().equals(order.tenantId())
                        && existing.userId().equals(order.userId()))
                .flatMap(existing -> stripe.idempotent("retrieve checkout session",
                                client -> client.v1().checkout().sessions().retrieve(existing.providerRef()))
                        .map(session -> new CheckoutStarted(existing.id(), session.getId(), session.getUrl())))
                .switchIfEmpty(Mono.defer(() -> create(order, paymentId)));
    }

    private Mono<CheckoutStarted> create(CheckoutOrder order, UUID paymentId) {
        return customers.forUser(order.tenantId(), order.userId())
                .flatMap(customer -> {
                    SessionCreateParams params = params(order, paymentId, customer);
                    RequestOptions options = RequestOptions.builder()
                            .setIdempotencyKey("plinth-checkout-" + paymentId)
                            .build();
                    return stripe.idempotent("create checkout session",
                            client -> client.v1().checkout().sessions().create(params, options));
                })
                .flatMap(session -> payments.record(pending(order, paymentId, session))
                        .thenReturn(new CheckoutStarted(paymentId, session.getId(), session.getUrl())));
    }

    static UUID paymentId(CheckoutOrder order) {
        String name = "stripe-checkout\n" + order.tenantId() + "\n" + order.userId() + "\n" + order.requestKey();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    private Payment pending(CheckoutOrder order, UUID paymentId, Session session) {
        CatalogPrice price = order.price();
        return Payment.pending(paymentId, order.tenantId(), order.userId(), StripeCalls.PROVIDER, price.priceId(),
                price.productId(), price.kindWire(), price.mode().wire(), order.quantity(),
                Math.multiplyExact(price.amountMinor(), order.quantity()), price.currency(),
                Math.multiplyExact(price.credits(), order.quantity()), price.tier(), price.entitlement(),
                session.getId(), payments.now());
    }

    private SessionCreateParams params(CheckoutOrder order, UUID paymentId, String customer) {
        CatalogPrice price = order.price();
        Map<String, String> metadata = Map.of("paymentId", paymentId.toString(), "userId", order.userId(),
                "tenantId", order.tenantId(), "priceId", price.priceId());
        PriceData.Builder priceData = PriceData.builder()
                .setCurrency(price.currency())
                .setUnitAmount(price.amountMinor())
                .setProductData(PriceData.ProductData.builder().setName(price.name())
                        .putMetadata("productId", price.productId()).build());
        SessionCreateParams.Builder params = SessionCreateParams.builder()
                .setCustomer(customer)
                .setClientReferenceId(paymentId.toString())
                .setSuccessUrl(order.successUrl())
                .setCancelUrl(order.cancelUrl())
                .putAllMetadata(metadata);
        if (price.mode() == Mode.SUBSCRIPTION) {
            priceData.setRecurring(PriceData.Recurring.builder()
                    .setInterval(PriceData.Recurring.Interval.MONTH).build());
            params.setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                    .setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
                            .putAllMetadata(metadata).putMetadata("tier", price.tier()).build());
        } else {
            params.setMode(SessionCreateParams.Mode.PAYMENT)
                    .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                            .putAllMetadata(metadata).build());
        }
        LineItem.Builder line = LineItem.builder().setQuantity((long) order.quantity());
        // The synced catalog price when there is one (Stripe's reports then group by product); inline data otherwise.
        catalog.stripePrice(price.priceId()).ifPresentOrElse(line::setPrice, () -> line.setPriceData(priceData.build()));
        return params.addLineItem(line.build()).build();
    }
}
