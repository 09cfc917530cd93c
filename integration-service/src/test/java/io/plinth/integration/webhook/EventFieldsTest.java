package io.plinth.integration.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventFieldsTest {

    private static ProviderEvent of(Provider provider, String json) {
        return EventFields.of(provider, Payloads.read(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void eachProvidersIdTypeAndObject() {
        assertThat(of(Provider.STRIPE, "{\"id\":\"evt_1\",\"type\":\"charge.refunded\",\"data\":{\"object\":{\"id\":\"ch_1\"}}}"))
                .isEqualTo(new ProviderEvent("evt_1", "charge.refunded", "ch_1"));
        assertThat(of(Provider.PIPIT, "{\"id\":\"e\",\"type\":\"payment.failed\",\"data\":{\"id\":\"pay_1\"}}").objectId())
                .isEqualTo("pay_1");
        assertThat(of(Provider.CAPCUT, "{\"id\":\"e\",\"type\":\"export.completed\",\"data\":{\"export_id\":\"x1\"}}").objectId())
                .isEqualTo("x1");
        assertThat(of(Provider.DOCUSIGN, "{\"event\":\"envelope-sent\",\"generatedDateTime\":\"2026-11-25T10:00:00Z\","
                + "\"data\":{\"envelopeId\":\"env-1\"}}"))
                .isEqualTo(new ProviderEvent("env-1:envelope-sent:2026-11-25T10:00:00Z", "envelope-sent", "env-1"));
        assertThat(of(Provider.ZOOM, "{\"event\":\"meeting.started\",\"event_ts\":1700,\"payload\":{\"object\":{\"id\":77}}}"))
                .isEqualTo(new ProviderEvent("meeting.started:1700:77", "meeting.started", "77"));
        assertThat(of(Provider.MPESA, "{\"Body\":{\"stkCallback\":{\"CheckoutRequestID\":\"ws_1\",\"ResultCode\":1032}}}"))
                .isEqualTo(new ProviderEvent("ws_1", "stk_callback", "ws_1"));
    }

    @Test
    void anEventWithoutAnObjectIsKeyedByItsOwnId() {
        assertThat(of(Provider.STRIPE, "{\"id\":\"evt_9\",\"type\":\"balance.available\",\"data\":{\"object\":{}}}").objectId())
                .isEqualTo("evt_9");
    }

    @Test
    void zoomsValidationChallengeIsRecognised() {
        ProviderEvent event = of(Provider.ZOOM, "{\"event\":\"endpoint.url_validation\",\"payload\":{\"plainToken\":\"abc\"}}");

        assertThat(event.isZoomUrlValidation()).isTrue();
        assertThat(event.objectId()).isEqualTo("abc");
    }

    @Test
    void missingOrOversizedFieldsAreNamed() {
        assertThatThrownBy(() -> of(Provider.STRIPE, "{\"type\":\"x\"}"))
                .isInstanceOfSatisfying(Payloads.PayloadException.class, e -> assertThat(e.field()).isEqualTo("id"));
        assertThatThrownBy(() -> of(Provider.DOCUSIGN, "{\"event\":\"x\",\"data\":{}}"))
                .isInstanceOfSatisfying(Payloads.PayloadException.class, e -> assertThat(e.field()).isEqualTo("data.envelopeId"));
        assertThatThrownBy(() -> of(Provider.PIPIT, "{\"id\":\"" + "x".repeat(300) + "\",\"type\":\"t\"}"))
                .isInstanceOfSatisfying(Payloads.PayloadException.class, e -> assertThat(e.field()).isEqualTo("id"));
        assertThatThrownBy(() -> of(Provider.PIPIT, "{\"id\":{\"nested\":1},\"type\":\"t\"}"))
                .isInstanceOf(Payloads.PayloadException.class);
        assertThatThrownBy(() -> of(Provider.PIPIT, "[1,2]")).isInstanceOf(Payloads.PayloadException.class);
    }
}
