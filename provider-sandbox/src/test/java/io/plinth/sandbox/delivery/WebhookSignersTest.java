package io.plinth.sandbox.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSignersTest {

    private static final byte[] BODY = "{\"id\":\"evt_1\",\"type\":\"payment_intent.succeeded\"}".getBytes(StandardCharsets.UTF_8);
    private static final long NOW = 1_795_000_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

    @Test
    void hmacMatchesTheRfc4231TestVector() {
        // RFC 4231, test case 2.
        byte[] data = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);

        assertThat(Hmac.hex("Jefe", data)).isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertThat(Base64.getDecoder().decode(Hmac.base64("Jefe", data)))
                .isEqualTo(java.util.HexFormat.of().parseHex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
    }

    @Test
    void stripeSignaturePassesTheOfficialSdkCheckForEachActiveSecret() throws Exception {
        Map<String, String> headers = WebhookSigners.stripe(List.of("whsec_new", "whsec_old")).sign(BODY, NOW);
        String header = headers.get("Stripe-Signature");
        String payload = new String(BODY, StandardCharsets.UTF_8);

        assertThat(header).startsWith("t=" + NOW + ",v1=").containsOnlyOnce("t=").contains(",v1=");
        assertThat(header.split(",")).hasSize(3);
        assertThat(Webhook.Signature.verifyHeader(payload, header, "whsec_new", 300, CLOCK)).isTrue();
        assertThat(Webhook.Signature.verifyHeader(payload, header, "whsec_old", 300, CLOCK)).isTrue();
        assertThatThrownBy(() -> Webhook.Signature.verifyHeader(payload, header, "whsec_other", 300, CLOCK))
                .isInstanceOf(SignatureVerificationException.class);
        assertThatThrownBy(() -> Webhook.Signature.verifyHeader(payload + " ", header, "whsec_new", 300, CLOCK))
                .isInstanceOf(SignatureVerificationException.class);
    }

    @Test
    void pipitAndCapcutSignLikeStripeUnderTheirOwnHeaders() throws Exception {
        String payload = new String(BODY, StandardCharsets.UTF_8);
        String pipit = WebhookSigners.pipit(List.of("p_secret")).sign(BODY, NOW).get("Pipit-Signature");
        String capcut = WebhookSigners.capcut(List.of("c_secret")).sign(BODY, NOW).get("CapCut-Signature");

        // The scheme is Stripe's, so Stripe's own verifier is an independent check of it.
        assertThat(Webhook.Signature.verifyHeader(payload, pipit, "p_secret", 300, CLOCK)).isTrue();
        assertThat(Webhook.Signature.verifyHeader(payload, capcut, "c_secret", 300, CLOCK)).isTrue();
        assertThat(pipit).isEqualTo("t=" + NOW + ",v1=" + Hmac.hex("p_secret", (NOW + "." + payload).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void docusignSendsOneNumberedHeaderPerActiveKey() {
        Map<String, String> headers = WebhookSigners.docusign(List.of("key-a", "key-b")).sign(BODY, NOW);

        assertThat(headers).containsOnlyKeys("X-DocuSign-Signature-1", "X-DocuSign-Signature-2");
        assertThat(headers.get("X-DocuSign-Signature-1")).isEqualTo(Hmac.base64("key-a", BODY));
        assertThat(headers.get("X-DocuSign-Signature-2")).isEqualTo(Hmac.base64("key-b", BODY));
    }

    @Test
    void zoomSignsVersionTimestampAndBody() {
        Map<String, String> headers = WebhookSigners.zoom(List.of("zoom-token")).sign(BODY, NOW);

        assertThat(headers.get("x-zm-request-timestamp")).isEqualTo(Long.toString(NOW));
        String message = "v0:" + NOW + ":" + new String(BODY, StandardCharsets.UTF_8);
        assertThat(headers.get("x-zm-signature")).isEqualTo("v0=" + Hmac.hex("zoom-token", message.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void mpesaCallbacksAreUnsignedAndSignedProvidersNeedASecret() {
        assertThat(WebhookSigners.forProvider("mpesa", List.of()).sign(BODY, NOW)).isEmpty();
        assertThatThrownBy(() -> WebhookSigners.forProvider("stripe", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSigners.forProvider("sendgrid", List.of("x")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
