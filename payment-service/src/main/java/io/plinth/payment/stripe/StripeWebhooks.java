package io.plinth.payment.stripe;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.Subscription;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeObject;
import com.stripe.model.checkout.Session;
import com.stripe.net.ApiResource;
import io.plinth.events.webhook.WebhookReceived;
import io.plinth.payment.payments.Payments;
import io.plinth.payment.subscriptions.SubscriptionReport;
import io.plinth.payment.subscriptions.SubscriptionStatus;
import io.plinth.payment.subscriptions.Subscriptions;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Acts on verified Stripe events (the ingress checked the signature). Runs inside the inbox
 * transaction of the {@code webhook.received} event; each outcome goes through the payment state
 * machine, so duplicates and any order of arrival settle on the same result.
 */
public final class StripeWebhooks {

    private static final Logger log = LoggerFactory.getLogger(StripeWebhooks.class);

    private final Payments payments;
    private final Subscriptions subscriptions;

    StripeWebhooks(Payments payments, Subscriptions subscriptions) {
        this.payments = payments;
        this.subscriptions = subscriptions;
    }

    public Mono<Void> handle(WebhookReceived webhook) {
        Event event;
        StripeObject object;
        try {
            event = ApiResource.GSON.fromJson(webhook.payload(), Event.class);
            object = event.getDataObjectDeserializer().getObject()
                    .orElse(event.getDataObjectDeserializer().deserializeUnsafe());
        } catch (RuntimeException | EventDataObjectDeserializationException e) {
            log.warn("Ignoring Stripe event {} ({}): its payload is not a Stripe event: {}", webhook.providerEventId(),
                    webhook.eventType(), e.toString());
            return Mono.empty();
        }
        String evidence = "stripe " + event.getType() + " " + event.getId();
        return switch (event.getType()) {
            case "checkout.session.completed" -> sessionCompleted((Session) object, evidence);
            case "payment_intent.succeeded" -> intentSucceeded((PaymentIntent) object, evidence);
            case "payment_intent.payment_failed" -> intentFailed((PaymentIntent) object, evidence);
            case "charge.refunded" -> chargeRefunded((Charge) object, evidence);
            case "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted" ->
                    subscriptionChanged((Subscription) object, evidence);
            case "invoice.paid" -> invoicePaid((Invoice) object, evidence);
            default -> {
                log.debug("Stripe event {} of type {} needs nothing from payment-service", event.getId(), event.getType());
                yield Mono.empty();
            }
        };
    }

    private Mono<Void> sessionCompleted(Session session, String evidence) {
        UUID paymentId = paymentId(session.getMetadata(), session.getClientReferenceId(), evidence);
        if (paymentId == null) {
            return Mono.empty();
        }
        if (!"paid".equals(session.getPaymentStatus())) {
            log.info("{}: session {} is {}, waiting for the payment itself", evidence, session.getId(),
                    session.getPaymentStatus());
            return Mono.empty();
        }
        String settledBy = session.getPaymentIntent() != null ? session.getPaymentIntent() : session.getSubscription();
        return payments.complete(paymentId, settledBy, nz(session.getAmountTotal()), session.getCurrency(), evidence);
    }

    /**
     * Stripe reports the charge's cumulative refunded amount. A refund can overtake the payment's own
     * events: the charge proves the money arrived, so the payment completes first (once) and then refunds.
     */
    private Mono<Void> chargeRefunded(Charge charge, String evidence) {
        UUID paymentId = paymentId(charge.getMetadata(), null, evidence);
        if (paymentId == null) {
            return Mono.empty();
        }
        long total = nz(charge.getAmountRefunded());
        Mono<Void> settled = "succeeded".equals(charge.getStatus())
                ? payments.complete(paymentId, charge.getPaymentIntent(), nz(charge.getAmount()), charge.getCurrency(),
                        evidence)
                : Mono.empty();
        return settled.then(payments.refunded(paymentId, total, charge.getId() + "@" + total, evidence));
    }

    private Mono<Void> subscriptionChanged(Subscription sub, String evidence) {
        Instant periodEnd = null;
        if (sub.getItems() != null && sub.getItems().getData() != null && !sub.getItems().getData().isEmpty()) {
            Long end = sub.getItems().getData().get(0).getCurrentPeriodEnd();
            periodEnd = end == null ? null : Instant.ofEpochSecond(end);
        }
        return subscriptions.report(report(sub.getId(), sub.getMetadata(), SubscriptionStatus.fromStripe(sub.getStatus()),
                sub.getCancelAtPeriodEnd(), periodEnd), evidence);
    }

    /** A paid invoice starts or renews the period it covers. */
    private Mono<Void> invoicePaid(Invoice invoice, String evidence) {
        Invoice.Parent parent = invoice.getParent();
        if (parent == null || parent.getSubscriptionDetails() == null) {
            log.debug("{}: not a subscription invoice", evidence);
            return Mono.empty();
        }
        Invoice.Parent.SubscriptionDetails details = parent.getSubscriptionDetails();
        Instant periodEnd = invoice.getPeriodEnd() == null ? null : Instant.ofEpochSecond(invoice.getPeriodEnd());
        return subscriptions.report(report(details.getSubscription(), details.getMetadata(), SubscriptionStatus.ACTIVE,
                null, periodEnd), evidence);
    }

    private static SubscriptionReport report(String id, Map<String, String> metadata, SubscriptionStatus status,
            Boolean cancelAtPeriodEnd, Instant periodEnd) {
        Map<String, String> m = metadata == null ? Map.of() : metadata;
        return new SubscriptionReport(id, m.get("tenantId"), m.get("userId"), StripeCalls.PROVIDER, m.get("priceId"),
                m.get("tier"), status, cancelAtPeriodEnd, periodEnd);
    }

    private Mono<Void> intentSucceeded(PaymentIntent intent, String evidence) {
        UUID paymentId = paymentId(intent.getMetadata(), null, evidence);
        if (paymentId == null) {
            return Mono.empty();
        }
        return payments.complete(paymentId, intent.getId(), nz(intent.getAmountReceived()), intent.getCurrency(),
                evidence);
    }

    private Mono<Void> intentFailed(PaymentIntent intent, String evidence) {
        UUID paymentId = paymentId(intent.getMetadata(), null, evidence);
        if (paymentId == null) {
            return Mono.empty();
        }
        com.stripe.model.StripeError error = intent.getLastPaymentError();
        String reason = error == null ? "payment_failed"
                : error.getDeclineCode() != null ? error.getDeclineCode()
                : error.getCode() != null ? error.getCode() : "payment_failed";
        return payments.fail(paymentId, reason, evidence);
    }

    /** Our payment id, from the metadata we set (or the session's client_reference_id). */
    private static UUID paymentId(Map<String, String> metadata, String clientReference, String evidence) {
        String raw = metadata == null ? null : metadata.get("paymentId");
        if (raw == null) {
            raw = clientReference;
        }
        if (raw == null) {
            log.warn("Ignoring {}: it names no Plinth payment", evidence);
            return null;
        }
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring {}: payment id {} is not one of ours", evidence, raw);
            return null;
        }
    }

    private static long nz(Long value) {
        return value == null ? -1 : value;
    }
}
