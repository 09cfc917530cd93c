package io.plinth.integration.mail;

import io.plinth.events.EventEnvelope;
import io.plinth.events.payment.PaymentSucceeded;
import io.plinth.events.signature.SignatureEnvelopeCompleted;
import io.plinth.events.user.UserEmailVerificationRequested;
import io.plinth.events.user.UserPasswordResetRequested;
import io.plinth.events.user.UserRegistered;
import io.plinth.events.video.VideoExportCompleted;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * What each platform event means for mail. Runs inside the inbox transaction of the event (once per event id): the
 * projection update and the queued delivery commit with the inbox row or not at all. Nothing here calls a provider.
 */
class MailEvents {

    private final MailStore store;

    MailEvents(MailStore store) {
        this.store = store;
    }

    Mono<Void> registered(EventEnvelope event, UserRegistered data) {
        return store.remember(data.userId(), event.tenantId(), data.email());
    }

    Mono<Void> verificationRequested(EventEnvelope event, UserEmailVerificationRequested data) {
        return store.remember(data.userId(), event.tenantId(), data.email())
                .then(store.enqueue(event.id(), event.tenantId(), data.userId(), MailKind.EMAIL_VERIFICATION, data.email(),
                        tokenData(data.sealedToken(), data.expiresAt())));
    }

    Mono<Void> passwordResetRequested(EventEnvelope event, UserPasswordResetRequested data) {
        return store.remember(data.userId(), event.tenantId(), data.email())
                .then(store.enqueue(event.id(), event.tenantId(), data.userId(), MailKind.PASSWORD_RESET, data.email(),
                        tokenData(data.sealedToken(), data.expiresAt())));
    }

    Mono<Void> paymentSucceeded(EventEnvelope event, PaymentSucceeded data) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("paymentId", data.paymentId());
        d.put("productId", data.productId());
        d.put("provider", data.provider());
        d.put("credits", data.credits());
        d.put("amountMinor", data.amountMinor());
        d.put("currency", data.currency());
        return store.enqueue(event.id(), event.tenantId(), data.userId(), MailKind.PAYMENT_RECEIPT, null, d);
    }

    Mono<Void> exportCompleted(EventEnvelope event, VideoExportCompleted data) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("exportId", data.exportId());
        d.put("contentId", data.contentId());
        d.put("videoUrl", data.videoUrl());
        return store.enqueue(event.id(), event.tenantId(), data.userId(), MailKind.EXPORT_READY, null, d);
    }

    Mono<Void> envelopeCompleted(EventEnvelope event, SignatureEnvelopeCompleted data) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("envelopeId", data.envelopeId());
        d.put("templateId", data.templateId());
        d.put("courseId", data.courseId());
        String to = data.email() == null || data.email().isBlank() ? null : data.email();
        return store.enqueue(event.id(), event.tenantId(), data.userId(), MailKind.CONTRACT_COMPLETED, to, d);
    }

    /** The token stays sealed in the queue; it is opened only when the mail is rendered. */
    private static Map<String, Object> tokenData(String sealedToken, java.time.Instant expiresAt) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("sealedToken", sealedToken);
        if (expiresAt != null) {
            d.put("expiresAt", expiresAt.toString());
        }
        return d;
    }
}
