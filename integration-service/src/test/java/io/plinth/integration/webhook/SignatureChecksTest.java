package io.plinth.integration.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.plinth.integration.support.TestWebhooks;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The signature schemes alone, against signatures computed independently (TestWebhooks, javax.crypto). */
class SignatureChecksTest {

    static final long NOW = 1_795_000_000L;
    static final byte[] BODY = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);

    private static SignatureCheck check(TestWebhooks w) {
        List<String> secrets = List.of(w.secret, w.previousSecret);
        return switch (w) {
            case STRIPE -> new StripeSignatureCheck(secrets, 300);
            case PIPIT -> new TimestampedHmacCheck("Pipit-Signature", secrets, 300);
            case CAPCUT -> new TimestampedHmacCheck("CapCut-Signature", secrets, 300);
            case DOCUSIGN -> new DocuSignSignatureCheck(secrets);
            case ZOOM -> new ZoomSignatureCheck(secrets, 300);
            case MPESA -> new CallbackTokenCheck(secrets);
        };
    }

    private static SignedRequest request(TestWebhooks w, String secret, long t, byte[] body) {
        Map<String, String> headers = w.sign(secret, t, body);
        String path = w.path("obj_1", secret);
        String token = w == TestWebhooks.MPESA ? path.substring(path.lastIndexOf('/') + 1) : null;
        return new SignedRequest(body, headers.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(e -> e.getKey().toUpperCase(), e -> List.of(e.getValue()))), token);
    }

    @ParameterizedTest
    @EnumSource(TestWebhooks.class)
    void eitherActiveSecretVerifiesAndSaysWhich(TestWebhooks w) {
        Verdict current = check(w).check(request(w, w.secret, NOW, BODY), NOW);
        Verdict previous = check(w).check(request(w, w.previousSecret, NOW, BODY), NOW);

        assertThat(current.verified()).as(current.detail()).isTrue();
        assertThat(current.secretIndex()).isZero();
        assertThat(previous.verified()).as(previous.detail()).isTrue();
        assertThat(previous.secretIndex()).isEqualTo(w == TestWebhooks.MPESA ? 0 : 1);
    }

    @ParameterizedTest
    @EnumSource(value = TestWebhooks.class, names = "MPESA", mode = EnumSource.Mode.EXCLUDE)
    void anyChangeToTheBodyBreaksTheSignature(TestWebhooks w) {
        SignedRequest signed = request(w, w.secret, NOW, BODY);
        SignedRequest tampered = new SignedRequest("{\"id\":\"evt_2\"}".getBytes(StandardCharsets.UTF_8), signed.headers(), null);

        assertThat(check(w).check(tampered, NOW).outcome()).isEqualTo(Verdict.Outcome.INVALID);
    }

    @ParameterizedTest
    @EnumSource(value = TestWebhooks.class, names = {"STRIPE", "PIPIT", "CAPCUT", "ZOOM"})
    void theToleranceHoldsOnBothSidesOfNow(TestWebhooks w) {
        assertThat(check(w).check(request(w, w.secret, NOW - 300, BODY), NOW).verified()).isTrue();
        assertThat(check(w).check(request(w, w.secret, NOW + 300, BODY), NOW).verified()).isTrue();
        assertThat(check(w).check(request(w, w.secret, NOW - 301, BODY), NOW).outcome()).isEqualTo(Verdict.Outcome.STALE);
        assertThat(check(w).check(request(w, w.secret, NOW + 301, BODY), NOW).outcome()).isEqualTo(Verdict.Outcome.STALE);
    }

    @Test
    void aHeaderWithTooManySignaturesIsMalformedWhateverTheyAre() {
        String header = "t=" + NOW + "," + "v1=00,".repeat(Signatures.MAX_SIGNATURES + 1);
        SignedRequest request = new SignedRequest(BODY, Map.of("Stripe-Signature", List.of(header)), null);

        assertThat(check(TestWebhooks.STRIPE).check(request, NOW).outcome()).isEqualTo(Verdict.Outcome.MALFORMED);
    }

    @Test
    void hexComparisonRejectsWrongLengthsAndNonHex() {
        byte[] expected = Signatures.hmac("k", BODY);

        assertThat(Signatures.matchesHex(expected, Signatures.hex(expected))).isTrue();
        assertThat(Signatures.matchesHex(expected, Signatures.hex(expected).toUpperCase())).isTrue();
        assertThat(Signatures.matchesHex(expected, Signatures.hex(expected).substring(2))).isFalse();
        assertThat(Signatures.matchesHex(expected, "zz" + Signatures.hex(expected).substring(2))).isFalse();
        assertThat(Signatures.matchesHex(expected, null)).isFalse();
    }
}
