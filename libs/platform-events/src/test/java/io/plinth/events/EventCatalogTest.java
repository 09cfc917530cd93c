package io.plinth.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import tools.jackson.databind.JsonNode;

class EventCatalogTest {

    private static final Instant T = Instant.parse("2026-11-23T09:30:00.123456Z");

    /** One realistic sample per event type; the catalog test below fails if a type has none. */
    static final Map<Class<? extends EventData>, EventData> SAMPLES = samples();

    /** The contract in coord/EVENTS.md: type → topic. */
    private static final Map<String, String> CONTRACT = Map.ofEntries(
            Map.entry("user.registered", "plinth.users.v1"),
            Map.entry("user.email-verification-requested", "plinth.users.v1"),
            Map.entry("user.password-reset-requested", "plinth.users.v1"),
            Map.entry("payment.succeeded", "plinth.payments.v1"),
            Map.entry("payment.failed", "plinth.payments.v1"),
            Map.entry("payment.refunded", "plinth.payments.v1"),
            Map.entry("subscription.activated", "plinth.payments.v1"),
            Map.entry("subscription.canceled", "plinth.payments.v1"),
            Map.entry("credits.granted", "plinth.credits.v1"),
            Map.entry("credits.consumed", "plinth.credits.v1"),
            Map.entry("credits.hold-captured", "plinth.credits.v1"),
            Map.entry("credits.hold-released", "plinth.credits.v1"),
            Map.entry("credits.low", "plinth.credits.v1"),
            Map.entry("video.generation-completed", "plinth.videos.v1"),
            Map.entry("video.generation-failed", "plinth.videos.v1"),
            Map.entry("video.export-completed", "plinth.videos.v1"),
            Map.entry("video.export-failed", "plinth.videos.v1"),
            Map.entry("webhook.received", "plinth.webhooks.v1"),
            Map.entry("signature.envelope-completed", "plinth.signatures.v1"),
            Map.entry("signature.envelope-declined", "plinth.signatures.v1"));

    private static Map<Class<? extends EventData>, EventData> samples() {
        Map<Class<? extends EventData>, EventData> s = new LinkedHashMap<>();
        add(s, new UserRegistered("u-1", "ada@example.com", "+254700000001", "FREE"));
        add(s, new UserEmailVerificationRequested("u-1", "ada@example.com", "sealed-1", T));
        add(s, new UserPasswordResetRequested("u-1", "ada@example.com", "sealed-2", T));
        // Every field set, so the round trip sees each (a real payment has a tier or entitlements, rarely both).
        add(s, new PaymentSucceeded("p-1", "u-1", "pipit", "basket", "basket", 500, 1999, "USD", "course:intro", "pro",
                List.of("course:intro", "feature:export_4k")));
        add(s, new PaymentFailed("p-2", "u-1", "mpesa", "insufficient funds"));
        add(s, new PaymentRefunded("p-1", "u-1", "re-1", 999, 1500, 1999, "USD", 500));
        add(s, new SubscriptionActivated("sub-1", "u-1", "PRO", T));
        add(s, new SubscriptionCanceled("sub-1", "u-1", "PRO"));
        add(s, new CreditsGranted("u-1", "payment:p-1", 500, 750, "payment"));
        add(s, new CreditsConsumed("u-1", "t-2", 10, 740, "video-service"));
        add(s, new CreditsHoldCaptured("h-1", "u-1", 40, 10, "job-1"));
        add(s, new CreditsHoldReleased("h-2", "u-1", 50, "expired"));
        add(s, new CreditsLow("u-1", 9, 10));
        add(s, new VideoGenerationCompleted("job-1", "u-1", "v-1", "h-1"));
        add(s, new VideoGenerationFailed("job-2", "u-1", "h-2", "renderer crashed"));
        add(s, new VideoExportCompleted("e-1", "u-1", "c-1", "https://cdn.example.com/v.mp4",
                Map.of("durationSeconds", 42, "title", "Intro", "tags", List.of("a", "b"),
                        "resolution", Map.of("w", 1920, "h", 1080))));
        add(s, new VideoExportFailed("e-2", "u-1", "provider timeout"));
        add(s, new WebhookReceived("stripe", "evt_1", "checkout.session.completed",
                "{\"id\":\"evt_1\",\"data\":{\"object\":{\"amount_total\":1999}}}", T));
        add(s, new SignatureEnvelopeCompleted("env-1", "u-1", "ada@example.com", "tpl-1", "course-1"));
        add(s, new SignatureEnvelopeDeclined("env-2", "u-1", "ada@example.com", "tpl-1", "not now"));
        return s;
    }

    private static void add(Map<Class<? extends EventData>, EventData> samples, EventData data) {
        samples.put(data.getClass(), data);
    }

    static Stream<EventType<?>> catalog() {
        return EventTypes.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void everyEventTypeRoundTripsThroughJson(EventType<?> eventType) {
        EventData data = SAMPLES.get(eventType.dataClass());
        assertThat(data).as("sample for %s", eventType.type()).isNotNull();
        EventEnvelope sent = new EventFactory("plinth/test").create("agg-1", "tenant-1", data);

        byte[] wire = EventJson.instance().toBytes(sent);
        EventEnvelope received = EventJson.instance().fromBytes(wire);

        assertThat(received).isEqualTo(sent);
        assertThat(received.type()).isEqualTo(eventType.type());
        assertThat(received.topic()).isEqualTo(eventType.topic());
        assertThat(received.typedData()).isEqualTo(data);
        assertThat(received.dataAs(eventType.dataClass())).isEqualTo(data);
        // The data object carries exactly the record's components: nothing leaks from helper methods.
        Set<String> fields = new HashSet<>();
        received.data().propertyNames().forEach(fields::add);
        assertThat(fields).isEqualTo(Arrays.stream(eventType.dataClass().getRecordComponents())
                .map(RecordComponent::getName).collect(Collectors.toSet()));
    }

    @Test
    void catalogMatchesTheAgreedContract() {
        Map<String, String> catalog = EventTypes.all().stream()
                .collect(Collectors.toMap(EventType::type, EventType::topic));
        assertThat(catalog).isEqualTo(CONTRACT);
        for (EventType<?> eventType : EventTypes.all()) {
            assertThat(Topics.all()).contains(eventType.topic());
            assertThat(EventTypes.of(eventType.type())).isSameAs(eventType);
            assertThat(EventTypes.of(eventType.dataClass())).isSameAs(eventType);
        }
    }

    @Test
    void everyDataRecordOnTheClasspathIsInTheCatalogAndHasASample() throws Exception {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(EventData.class));
        Set<Class<?>> records = new HashSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("io.plinth.events")) {
            records.add(Class.forName(candidate.getBeanClassName()));
        }
        Set<Class<?>> cataloged = EventTypes.all().stream().map(EventType::dataClass).collect(Collectors.toSet());

        assertThat(records).hasSize(CONTRACT.size()).isEqualTo(cataloged);
        assertThat(new HashSet<Class<?>>(SAMPLES.keySet())).isEqualTo(cataloged);
        for (Class<?> record : records) {
            assertThat(record.isRecord()).as("%s is a record", record).isTrue();
            assertThat(record.getField("TYPE").get(null))
                    .isEqualTo(EventTypes.of(record.asSubclass(EventData.class)).type());
        }
    }

    @Test
    void envelopeIsCloudEventsStructuredJsonWithIsoTimes() {
        EventEnvelope envelope = new EventFactory("plinth/auth-service")
                .create("u-1", null, new UserEmailVerificationRequested("u-1", "ada@example.com", "tok", T));

        JsonNode json = EventJson.instance().mapper().readTree(EventJson.instance().toJson(envelope));

        Set<String> fields = new HashSet<>();
        json.propertyNames().forEach(fields::add);
        assertThat(fields).containsExactlyInAnyOrder(
                "specversion", "id", "source", "type", "time", "subject", "datacontenttype", "data");
        assertThat(json.get("specversion").asString()).isEqualTo("1.0");
        assertThat(json.get("datacontenttype").asString()).isEqualTo("application/json");
        assertThat(json.get("type").asString()).isEqualTo("user.email-verification-requested");
        assertThat(json.get("time").isString()).isTrue();
        assertThat(Instant.parse(json.get("time").asString())).isEqualTo(envelope.time());
        assertThat(json.get("data").get("expiresAt").asString()).isEqualTo("2026-11-23T09:30:00.123456Z");
    }

    @Test
    void unknownFieldsAreIgnoredSoEventsCanGrow() {
        String json = """
                {"specversion":"1.0","id":"e-1","source":"plinth/credit-service","type":"credits.low",
                 "time":"2026-11-23T09:30:00Z","subject":"u-1","tenantId":"t-1","datacontenttype":"application/json",
                 "traceparent":"00-abc-def-01",
                 "data":{"userId":"u-1","balance":3,"threshold":10,"currency":"new optional field"}}
                """;

        EventEnvelope envelope = EventJson.instance().fromJson(json);

        assertThat(envelope.dataAs(CreditsLow.class)).isEqualTo(new CreditsLow("u-1", 3, 10));
    }

    @Test
    void aPaymentSucceededWrittenBeforeTiersAndBasketsReadsItsOneEntitlementAsTheList() {
        String json = """
                {"specversion":"1.0","id":"e-3","source":"plinth/payment-service","type":"payment.succeeded",
                 "time":"2026-11-23T09:30:00Z","subject":"p-1","datacontenttype":"application/json",
                 "data":{"paymentId":"p-1","userId":"u-1","provider":"stripe","productId":"prod-1","priceId":"price-1",
                         "credits":0,"amountMinor":499,"currency":"USD","entitlement":"feature:export_4k"}}
                """;

        PaymentSucceeded payment = EventJson.instance().fromJson(json).dataAs(PaymentSucceeded.class);

        assertThat(payment.entitlements()).containsExactly("feature:export_4k");
        assertThat(payment.tier()).isNull();
        assertThat(new PaymentSucceeded("p-2", "u-1", "stripe", "plan-pro", "pro-monthly-usd", 0, 999, "USD", null,
                "pro", null).entitlements()).isEmpty();
    }

    @Test
    void unknownTypeStillReadsAsEnvelopeButNotAsData() {
        String json = """
                {"specversion":"1.0","id":"e-2","source":"plinth/future","type":"future.thing",
                 "time":"2026-11-23T09:30:00Z","subject":"x","data":{"a":1}}
                """;

        EventEnvelope envelope = EventJson.instance().fromJson(json);

        assertThat(EventTypes.find(envelope.type())).isEmpty();
        assertThatThrownBy(envelope::typedData).isInstanceOf(UnknownEventTypeException.class);
    }

    @Test
    void readingDataAsTheWrongTypeIsRefused() {
        EventEnvelope envelope = EventEnvelope.of("plinth/test", "u-1", null, new CreditsLow("u-1", 1, 2));

        assertThatThrownBy(() -> envelope.dataAs(CreditsGranted.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("credits.low");
    }

    @Test
    void malformedJsonIsASerializationError() {
        assertThatThrownBy(() -> EventJson.instance().fromJson("{\"id\":"))
                .isInstanceOf(EventSerializationException.class);
        assertThatThrownBy(() -> EventJson.instance().fromJson("{\"id\":\"x\"}"))
                .isInstanceOf(EventSerializationException.class);
    }
}
