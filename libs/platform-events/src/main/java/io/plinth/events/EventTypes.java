package io.plinth.events;

import io.plinth.events.credit.CreditsConsumed;
import io.plinth.events.credit.CreditsGranted;
import io.plinth.events.credit.CreditsHoldCaptured;
import io.plinth.events.credit.CreditsHoldReleased;
import io.plinth.events.credit.CreditsLow;
import io.plinth.events.payment.PaymentFailed;
import io.plinth.events.payment.PaymentRefunded;
import io.plinth.events.payment.PaymentSucceeded;
import io.plinth.events.payment.SubscriptionActivated;
import io.plinth.events.payment.SubscriptionCanceled;
import io.plinth.events.signature.SignatureEnvelopeCompleted;
import io.plinth.events.signature.SignatureEnvelopeDeclined;
import io.plinth.events.user.UserEmailVerificationRequested;
import io.plinth.events.user.UserPasswordResetRequested;
import io.plinth.events.user.UserRegistered;
import io.plinth.events.video.VideoExportCompleted;
import io.plinth.events.video.VideoExportFailed;
import io.plinth.events.video.VideoGenerationCompleted;
import io.plinth.events.video.VideoGenerationFailed;
import io.plinth.events.webhook.WebhookReceived;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one catalog of Plinth events: type string → topic → data record. Producers and consumers
 * resolve topics and data classes here only, so a type can never be published to one topic and
 * consumed from another. A new event type is a new record plus one line below (the unit test
 * fails for a record that is missing here).
 */
public final class EventTypes {

    public static final EventType<UserRegistered> USER_REGISTERED =
            new EventType<>(UserRegistered.TYPE, Topics.USERS, UserRegistered.class);
    public static final EventType<UserEmailVerificationRequested> USER_EMAIL_VERIFICATION_REQUESTED =
            new EventType<>(UserEmailVerificationRequested.TYPE, Topics.USERS, UserEmailVerificationRequested.class);
    public static final EventType<UserPasswordResetRequested> USER_PASSWORD_RESET_REQUESTED =
            new EventType<>(UserPasswordResetRequested.TYPE, Topics.USERS, UserPasswordResetRequested.class);
    public static final EventType<PaymentSucceeded> PAYMENT_SUCCEEDED =
            new EventType<>(PaymentSucceeded.TYPE, Topics.PAYMENTS, PaymentSucceeded.class);
    public static final EventType<PaymentFailed> PAYMENT_FAILED =
            new EventType<>(PaymentFailed.TYPE, Topics.PAYMENTS, PaymentFailed.class);
    public static final EventType<PaymentRefunded> PAYMENT_REFUNDED =
            new EventType<>(PaymentRefunded.TYPE, Topics.PAYMENTS, PaymentRefunded.class);
    public static final EventType<SubscriptionActivated> SUBSCRIPTION_ACTIVATED =
            new EventType<>(SubscriptionActivated.TYPE, Topics.PAYMENTS, SubscriptionActivated.class);
    public static final EventType<SubscriptionCanceled> SUBSCRIPTION_CANCELED =
            new EventType<>(SubscriptionCanceled.TYPE, Topics.PAYMENTS, SubscriptionCanceled.class);
    public static final EventType<CreditsGranted> CREDITS_GRANTED =
            new EventType<>(CreditsGranted.TYPE, Topics.CREDITS, CreditsGranted.class);
    public static final EventType<CreditsConsumed> CREDITS_CONSUMED =
            new EventType<>(CreditsConsumed.TYPE, Topics.CREDITS, CreditsConsumed.class);
    public static final EventType<CreditsHoldCaptured> CREDITS_HOLD_CAPTURED =
            new EventType<>(CreditsHoldCaptured.TYPE, Topics.CREDITS, CreditsHoldCaptured.class);
    public static final EventType<CreditsHoldReleased> CREDITS_HOLD_RELEASED =
            new EventType<>(CreditsHoldReleased.TYPE, Topics.CREDITS, CreditsHoldReleased.class);
    public static final EventType<CreditsLow> CREDITS_LOW =
            new EventType<>(CreditsLow.TYPE, Topics.CREDITS, CreditsLow.class);
    public static final EventType<VideoGenerationCompleted> VIDEO_GENERATION_COMPLETED =
            new EventType<>(VideoGenerationCompleted.TYPE, Topics.VIDEOS, VideoGenerationCompleted.class);
    public static final EventType<VideoGenerationFailed> VIDEO_GENERATION_FAILED =
            new EventType<>(VideoGenerationFailed.TYPE, Topics.VIDEOS, VideoGenerationFailed.class);
    public static final EventType<VideoExportCompleted> VIDEO_EXPORT_COMPLETED =
            new EventType<>(VideoExportCompleted.TYPE, Topics.VIDEOS, VideoExportCompleted.class);
    public static final EventType<VideoExportFailed> VIDEO_EXPORT_FAILED =
            new EventType<>(VideoExportFailed.TYPE, Topics.VIDEOS, VideoExportFailed.class);
    public static final EventType<WebhookReceived> WEBHOOK_RECEIVED =
            new EventType<>(WebhookReceived.TYPE, Topics.WEBHOOKS, WebhookReceived.class);
    public static final EventType<SignatureEnvelopeCompleted> SIGNATURE_ENVELOPE_COMPLETED =
            new EventType<>(SignatureEnvelopeCompleted.TYPE, Topics.SIGNATURES, SignatureEnvelopeCompleted.class);
    public static final EventType<SignatureEnvelopeDeclined> SIGNATURE_ENVELOPE_DECLINED =
            new EventType<>(SignatureEnvelopeDeclined.TYPE, Topics.SIGNATURES, SignatureEnvelopeDeclined.class);

    private static final List<EventType<?>> ALL = List.of(
            USER_REGISTERED,
            USER_EMAIL_VERIFICATION_REQUESTED,
            USER_PASSWORD_RESET_REQUESTED,
            PAYMENT_SUCCEEDED,
            PAYMENT_FAILED,
            PAYMENT_REFUNDED,
            SUBSCRIPTION_ACTIVATED,
            SUBSCRIPTION_CANCELED,
            CREDITS_GRANTED,
            CREDITS_CONSUMED,
            CREDITS_HOLD_CAPTURED,
            CREDITS_HOLD_RELEASED,
            CREDITS_LOW,
            VIDEO_GENERATION_COMPLETED,
            VIDEO_GENERATION_FAILED,
            VIDEO_EXPORT_COMPLETED,
            VIDEO_EXPORT_FAILED,
            WEBHOOK_RECEIVED,
            SIGNATURE_ENVELOPE_COMPLETED,
            SIGNATURE_ENVELOPE_DECLINED);

    private static final Map<String, EventType<?>> BY_TYPE = index();

    private EventTypes() {
    }

    /** Every known event type, in catalog order. */
    public static List<EventType<?>> all() {
        return ALL;
    }

    /** The event type for a CloudEvents type string, or empty for a type this build does not know. */
    public static Optional<EventType<?>> find(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    /** The event type for a CloudEvents type string; {@link UnknownEventTypeException} if unknown. */
    public static EventType<?> of(String type) {
        EventType<?> eventType = BY_TYPE.get(type);
        if (eventType == null) {
            throw new UnknownEventTypeException(type);
        }
        return eventType;
    }

    /** The event type whose data record is {@code dataClass}. */
    @SuppressWarnings("unchecked")
    public static <T extends EventData> EventType<T> of(Class<T> dataClass) {
        for (EventType<?> eventType : ALL) {
            if (eventType.dataClass() == dataClass) {
                return (EventType<T>) eventType;
            }
        }
        throw new UnknownEventTypeException(dataClass.getName());
    }

    /** The event types published on {@code topic}. */
    public static List<EventType<?>> onTopic(String topic) {
        return ALL.stream().filter(t -> t.topic().equals(topic)).toList();
    }

    private static Map<String, EventType<?>> index() {
        Map<String, EventType<?>> byType = new LinkedHashMap<>();
        for (EventType<?> eventType : ALL) {
            if (byType.put(eventType.type(), eventType) != null) {
                throw new IllegalStateException("Duplicate event type " + eventType.type());
            }
        }
        return Map.copyOf(byType);
    }
}
