package io.plinth.sandbox.controls;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.plinth.sandbox.SandboxTestBase;
import io.plinth.sandbox.WebhookReceiver;
import io.plinth.sandbox.delivery.Hmac;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Fault injection and Zoom's URL validation run, through the sandbox's HTTP controls. */
class ControlsIT extends SandboxTestBase {

    static final String ZOOM_SECRET = "zoom_secret_token_plinth_devstack";
    static final String ZOOM_PATH = "/api/v1/webhooks/zoom";

    @Test
    void anArmedStatusFaultAnswersTheProvidersNextCallsThenRunsOut() throws Exception {
        HttpResponse<String> armed = post("/_sandbox/pipit/faults", "{\"status\":503,\"times\":2}");
        assertThat(armed.statusCode()).isEqualTo(200);
        assertThat((Integer) JsonPath.read(armed.body(), "$.times")).isEqualTo(2);

        HttpResponse<String> first = get("/v1/payments/pay_1");
        HttpResponse<String> second = get("/pipit/v1/payments/pay_1");
        HttpResponse<String> third = get("/v1/payments/pay_1");

        assertThat(first.statusCode()).isEqualTo(503);
        assertThat((String) JsonPath.read(first.body(), "$.error.code")).isEqualTo("sandbox_fault");
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(third.statusCode()).as("the fault is used up").isNotEqualTo(503);
        assertThat((Integer) JsonPath.read(get("/_sandbox/pipit/faults").body(), "$.times")).isZero();
    }

    @Test
    void faultsStayWithTheirProviderAndCanBeDisarmed() throws Exception {
        post("/_sandbox/capcut/faults", "{\"status\":500,\"times\":5}");

        assertThat(get("/v1/payments/pay_2").statusCode()).as("pipit is not capcut").isNotEqualTo(500);
        assertThat(delete("/_sandbox/capcut/faults").statusCode()).isEqualTo(204);
        assertThat(get("/v1/exports/exp_1").statusCode()).isNotEqualTo(500);
        assertThat(get("/_sandbox/capcut/faults").body()).contains("\"times\":0");
    }

    @Test
    void aLatencyFaultHoldsTheCallAtLeastThatLong() throws Exception {
        post("/_sandbox/notion/faults", "{\"latencyMs\":300,\"status\":429}");

        long start = System.nanoTime();
        HttpResponse<String> slow = get("/v1/pages/page-1");
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(slow.statusCode()).isEqualTo(429);
        assertThat(tookMs).isGreaterThanOrEqualTo(300);
    }

    @Test
    void badFaultRequestsAreRefusedNamingTheProblem() throws Exception {
        assertThat(post("/_sandbox/stripe/faults", "{}").body()).contains("missing_fault");
        assertThat(post("/_sandbox/stripe/faults", "{\"status\":42}").body()).contains("invalid_status");
        assertThat(post("/_sandbox/stripe/faults", "{\"status\":500,\"times\":0}").body()).contains("invalid_times");
        assertThat(post("/_sandbox/stripe/faults", "{\"latencyMs\":-1}").body()).contains("invalid_latency");
        assertThat(post("/_sandbox/nosuch/faults", "{\"status\":500}").statusCode()).isEqualTo(404);
        assertThat(get("/_sandbox/stripe/faults").body()).contains("\"times\":0");
    }

    @Test
    void zoomValidationSucceedsAgainstAnEndpointThatAnswersTheChallenge() throws Exception {
        RECEIVER.respond(ZOOM_PATH, r -> {
            String plainToken = JsonPath.read(new String(r.body(), StandardCharsets.UTF_8), "$.payload.plainToken");
            return new WebhookReceiver.Answer(200, "{\"plainToken\":\"" + plainToken + "\",\"encryptedToken\":\""
                    + Hmac.hex(ZOOM_SECRET, plainToken.getBytes(StandardCharsets.UTF_8)) + "\"}");
        });

        HttpResponse<String> report = post("/_sandbox/zoom/validate-endpoint", "");

        assertThat(report.statusCode()).isEqualTo(200);
        assertThat((Boolean) JsonPath.read(report.body(), "$.ok")).as(report.body()).isTrue();
        WebhookReceiver.Received challenge = receivedAt(ZOOM_PATH, "endpoint.url_validation").get(0);
        String ts = challenge.header("x-zm-request-timestamp");
        assertThat(challenge.header("x-zm-signature")).as("Zoom signs its validation request too")
                .isEqualTo("v0=" + Hmac.hex(ZOOM_SECRET, ("v0:" + ts + ":").getBytes(StandardCharsets.UTF_8), challenge.body()));
    }

    @Test
    void zoomValidationFailsAgainstAWrongAnswer() throws Exception {
        RECEIVER.respond(ZOOM_PATH, r -> new WebhookReceiver.Answer(200, "{\"plainToken\":\"x\",\"encryptedToken\":\"y\"}"));
        try {
            HttpResponse<String> report = post("/_sandbox/zoom/validate-endpoint", "");

            assertThat((Boolean) JsonPath.read(report.body(), "$.ok")).isFalse();
            assertThat((String) JsonPath.read(report.body(), "$.message")).contains("plainToken");
        } finally {
            RECEIVER.respond(ZOOM_PATH, r -> new WebhookReceiver.Answer(200, "{}"));
        }
    }
}
