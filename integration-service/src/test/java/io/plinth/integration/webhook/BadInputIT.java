package io.plinth.integration.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.plinth.integration.support.IngressTestBase;
import io.plinth.integration.support.TestWebhooks;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every kind of garbage a provider endpoint can receive gets a 4xx problem+json, is logged as a refused attempt
 * (the body truncated for storage), publishes nothing and leaves the ingress serving.
 */
class BadInputIT extends IngressTestBase {

    static final TestWebhooks STRIPE = TestWebhooks.STRIPE;
    static final TestWebhooks PIPIT = TestWebhooks.PIPIT;

    @AfterEach
    void theIngressStillServes() {
        assertThat(deliverSigned(PIPIT, fresh("evt"), fresh("pay")).statusCode()).isEqualTo(200);
    }

    @Test
    void anEmptyBodyCorrectlySignedIs400AndUnsignedIs401() {
        byte[] empty = new byte[0];

        assertProblem(deliver("/api/v1/webhooks/pipit", empty, PIPIT.sign(now(), empty)), 400, "malformed_payload");
        assertProblem(deliver("/api/v1/webhooks/stripe", empty, Map.of()), 401, "signature_missing");
    }

    @Test
    void aSignedBodyThatIsNotJsonIs400() {
        byte[] body = "this is not json".getBytes(StandardCharsets.UTF_8);

        String logId = assertProblem(deliver("/api/v1/webhooks/capcut", body, TestWebhooks.CAPCUT.sign(now(), body)), 400,
                "malformed_payload");
        assertThat(count("select count(*) from webhook_events where id = cast(? as uuid) and signature_verdict = 'verified'"
                + " and payload = 'this is not json'", logId)).isEqualTo(1);
    }

    @Test
    void tenThousandDeepNestingIsRefusedSignedOrNot() {
        byte[] deep = ("{\"id\":\"evt_deep\",\"type\":\"x\",\"data\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}")
                .getBytes(StandardCharsets.UTF_8);

        String logId = assertProblem(deliver("/api/v1/webhooks/pipit", deep, PIPIT.sign(now(), deep)), 400, "malformed_payload");
        assertProblem(deliver("/api/v1/webhooks/stripe", deep, STRIPE.sign("wrong", now(), deep)), 401, "signature_invalid");
        assertThat(count("select count(*) from webhook_events where id = cast(? as uuid) and payload_truncated"
                + " and length(payload) <= 4096 and payload_bytes = ?", logId, deep.length))
                .as("logged with the body truncated for storage").isEqualTo(1);
        assertThat(outboxed("pipit", "evt_deep")).isZero();
    }

    @Test
    void invalidUtf8IsRefusedAndStoredAsText() {
        byte[] body = "{\"id\":\"evt_utf\",\"type\":\"x\",\"data\":{\"id\":\"\u00ff\u00fe\"}}".getBytes(StandardCharsets.ISO_8859_1);

        String pipit = assertProblem(deliver("/api/v1/webhooks/pipit", body, PIPIT.sign(now(), body)), 400, "malformed_payload");
        assertProblem(deliver("/api/v1/webhooks/stripe", body, STRIPE.sign(now(), body)), 401, "signature_invalid");
        assertThat(count("select count(*) from webhook_events where id = cast(? as uuid) and payload like '%\uFFFD%'", pipit))
                .isEqualTo(1);
    }

    @Test
    void aSignatureHeaderWithAThousandEntriesIsRefusedBeforeAnyHmacWork() {
        byte[] body = STRIPE.body(fresh("evt"), fresh("pi")).getBytes(StandardCharsets.UTF_8);
        String entries = IntStream.range(0, 1_000).mapToObj(i -> "v1=" + "0".repeat(64)).collect(Collectors.joining(","));

        assertProblem(deliver("/api/v1/webhooks/stripe", body, Map.of("Stripe-Signature", "t=" + now() + "," + entries)), 401,
                "signature_malformed");
        assertProblem(deliver("/api/v1/webhooks/pipit", body, Map.of("Pipit-Signature", "t=" + now() + "," + entries)), 401,
                "signature_malformed");
    }

    @Test
    void aTimestampInTheFarFutureIsStale() {
        String eventId = fresh("evt");
        byte[] body = STRIPE.body(eventId, fresh("pi")).getBytes(StandardCharsets.UTF_8);

        assertProblem(deliver("/api/v1/webhooks/stripe", body, STRIPE.sign(Long.MAX_VALUE / 1000, body)), 401, "signature_stale");
        assertProblem(deliver("/api/v1/webhooks/stripe", body, Map.of("Stripe-Signature", "t=99999999999999999999999,v1=00")),
                401, "signature_malformed");
        assertThat(outboxed("stripe", eventId)).isZero();
    }

    @Test
    void duplicateKeysAndTrailingDataAreNotOneEvent() {
        byte[] twice = "{\"id\":\"evt_a\",\"id\":\"evt_b\",\"type\":\"x\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
        byte[] trailing = "{\"id\":\"evt_c\",\"type\":\"x\",\"data\":{}} {\"id\":\"evt_d\"}".getBytes(StandardCharsets.UTF_8);

        assertProblem(deliver("/api/v1/webhooks/pipit", twice, PIPIT.sign(now(), twice)), 400, "malformed_payload");
        assertProblem(deliver("/api/v1/webhooks/pipit", trailing, PIPIT.sign(now(), trailing)), 400, "malformed_payload");
    }

    @Test
    void aSignedEventWithoutItsIdIs400NamingTheField() {
        byte[] body = "{\"type\":\"payment.completed\",\"data\":{\"id\":\"pay_1\"}}".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = deliver("/api/v1/webhooks/pipit", body, PIPIT.sign(now(), body));

        assertProblem(response, 400, "malformed_payload");
        assertThat((String) JsonPath.read(response.body(), "$.errors[0].field")).isEqualTo("id");
    }

    @Test
    void aTwoMegabyteBodyIs413AndLoggedTruncatedDeclaredOrChunked() {
        byte[] big = new byte[2 * 1024 * 1024];
        Arrays.fill(big, (byte) 'a');

        String declared = assertProblem(deliver("/api/v1/webhooks/stripe", big, STRIPE.sign(now(), big)), 413, "payload_too_large");
        HttpResponse<String> chunked = send(HttpRequest.newBuilder(url("/api/v1/webhooks/pipit"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build());
        String streamed = assertProblem(chunked, 413, "payload_too_large");

        assertThat(count("select count(*) from webhook_events where id = cast(? as uuid) and payload_bytes = ?",
                declared, big.length)).isEqualTo(1);
        assertThat(count("select count(*) from webhook_events where id = cast(? as uuid) and payload_truncated"
                + " and length(payload) = 4096", streamed)).isEqualTo(1);
    }

    @Test
    void anUnknownProviderIs404() {
        assertProblem(deliver("/api/v1/webhooks/paypal", "{}".getBytes(), Map.of()), 404, "not_found");
    }

    private String assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
        assertThat((String) JsonPath.read(response.body(), "$.code")).isEqualTo(code);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        if (status == 404) {
            return null;
        }
        String logId = JsonPath.read(response.body(), "$.webhookEventId");
        assertThat(count("select count(*) from webhook_events where id = cast(? as uuid) and status = 'rejected'"
                + " and http_status = ?", logId, status)).as("logged as a refused attempt").isEqualTo(1);
        return logId;
    }
}
