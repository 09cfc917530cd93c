package io.plinth.integration.docusign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plinth.integration.support.ProviderTestBase;
import io.plinth.integration.support.TestWebhooks;
import io.plinth.integration.support.WebhookTopic;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Envelopes end to end inside integration-service: the tenant's DocuSign app in the sandbox (a real JWT grant
 * against the app's registered key), envelopes sent from its template, the signer's answer coming back as a signed
 * Connect webhook through the ingress and Kafka, and the outcome published through the outbox once.
 */
class EnvelopesIT extends ProviderTestBase {

    static final String CONSUMER = "integration-service.docusign";
    static final String PATH = "/api/v1/signatures/envelopes";

    @Test
    void anEnvelopeSentThenCompletedViaTheSignedWebhookIsPublishedOnceDespiteRepeatsAndLateReports() {
        String tenant = fresh("t");
        JsonNode app = docuSignApp(tenant);
        String courseId = fresh("course");

        HttpResponse<String> sent = call("POST", PATH, adminOf(tenant), Map.of("templateId", app.get("templateId").asString(),
                "recipient", Map.of("name", "Ada Lovelace", "email", "ada@example.com"), "courseId", courseId,
                "userId", "user-ada"));

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        JsonNode envelope = json(sent);
        String id = envelope.get("id").asString();
        String envelopeId = envelope.get("envelopeId").asString();
        assertThat(envelope.get("status").asString()).isEqualTo("sent");
        assertThat(sent.headers().firstValue("Location")).hasValue(PATH + "/" + id);

        sandbox("POST", "/_sandbox/docusign/envelopes/" + envelopeId + "/complete", null);

        await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(status(tenant, id)));
        assertThat(completedEvents(envelopeId)).isEqualTo(1);
        String event = eventJson(envelopeId);
        assertThat(JSON.readTree(event).get("tenantId").asString()).isEqualTo(tenant);
        JsonNode data = JSON.readTree(event).get("data");
        assertThat(data.get("envelopeId").asString()).isEqualTo(envelopeId);
        assertThat(data.get("userId").asString()).isEqualTo("user-ada");
        assertThat(data.get("email").asString()).isEqualTo("ada@example.com");
        assertThat(data.get("templateId").asString()).isEqualTo(app.get("templateId").asString());
        assertThat(data.get("courseId").asString()).isEqualTo(courseId);

        // Connect delivers the completion again (the ingress dedupes it), then a second completion report and a late
        // envelope-sent arrive as new events: each is consumed, and none publishes or moves anything.
        String connectEventId = sandboxEvent(envelopeId, "envelope-completed").get("id").asString();
        sandbox("POST", "/_sandbox/docusign/events/" + connectEventId + "/resend", null);
        String lateCompleted = deliverConnect("envelope-completed", envelopeId, Instant.now().plusSeconds(5));
        String lateSent = deliverConnect("envelope-sent", envelopeId, Instant.now().minusSeconds(60));
        for (String providerEventId : List.of(lateCompleted, lateSent)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> WebhookTopic.about("docusign", providerEventId).stream()
                    .anyMatch(p -> applied(CONSUMER, p.envelope().id())));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> sandboxEvent(envelopeId, "envelope-completed")
                .get("delivered").asInt() == 2);

        assertThat(completedEvents(envelopeId)).isEqualTo(1);
        assertThat(status(tenant, id)).isEqualTo("completed");
    }

    @Test
    void concurrentCompletionReportsPublishOneEventAndAFinalDeclineIsIgnored() throws Exception {
        String tenant = fresh("t");
        docuSignApp(tenant);
        String id = send(tenant, "user-c", "cy@example.com");
        String envelopeId = json(call("GET", PATH + "/" + id, userOf(tenant, "user-c"), null)).get("envelopeId").asString();
        Instant base = Instant.now();

        List<java.util.concurrent.Callable<String>> reports = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Instant generated = base.plusMillis(i);
            reports.add(() -> deliverConnect("envelope-completed", envelopeId, generated));
        }
        reports.add(() -> deliverConnect("envelope-declined", envelopeId, base.plusSeconds(1)));
        List<String> providerEventIds = new java.util.ArrayList<>();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(reports.size());
        try {
            for (var f : pool.invokeAll(reports)) {
                providerEventIds.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        for (String providerEventId : providerEventIds) {
            await().atMost(Duration.ofSeconds(30)).until(() -> WebhookTopic.about("docusign", providerEventId).stream()
                    .anyMatch(p -> applied(CONSUMER, p.envelope().id())));
        }

        assertThat(status(tenant, id)).isIn("completed", "declined");
        assertThat(count("select count(*) from outbox where topic = 'plinth.signatures.v1'"
                + " and event->'data'->>'envelopeId' = ?", envelopeId)).isEqualTo(1);
    }

    @Test
    void aDeclineIsPublishedWithItsReasonAndTheSessionIsGrantedOnceForManyEnvelopes() {
        String tenant = fresh("t");
        JsonNode app = docuSignApp(tenant);
        String first = send(tenant, "user-1", "bob@example.com");
        send(tenant, "user-1", "carol@example.com");
        assertThat(sandbox("GET", "/_sandbox/docusign/apps/" + app.get("integrationKey").asString(), null)
                .get("tokensIssued").asInt()).isEqualTo(1);

        String envelopeId = json(call("GET", PATH + "/" + first, userOf(tenant, "user-1"), null)).get("envelopeId").asString();
        sandbox("POST", "/_sandbox/docusign/envelopes/" + envelopeId + "/decline", Map.of("reason", "Wrong name"));

        await().atMost(Duration.ofSeconds(30)).until(() -> "declined".equals(status(tenant, first)));
        assertThat(count("select count(*) from outbox where topic = 'plinth.signatures.v1' and event->>'type' ="
                + " 'signature.envelope-declined' and event->'data'->>'envelopeId' = ? and event->'data'->>'reason' = ?",
                envelopeId, "Wrong name")).isEqualTo(1);
        assertThat(json(call("GET", PATH + "/" + first, userOf(tenant, "user-1"), null)).get("declineReason").asString())
                .isEqualTo("Wrong name");
    }

    @Test
    void anotherTenantsEnvelopeIsNotFound() {
        String tenant = fresh("t");
        docuSignApp(tenant);
        String id = send(tenant, "user-1", "dan@example.com");

        HttpResponse<String> other = call("GET", PATH + "/" + id, userOf(fresh("other"), "user-1"), null);
        HttpResponse<String> own = call("GET", PATH + "/" + id, userOf(tenant, "user-2"), null);

        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).doesNotContain("dan@example.com");
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(call("GET", PATH + "/not-a-uuid", userOf(tenant, "user-1"), null).statusCode()).isEqualTo(404);
        assertThat(call("GET", PATH + "/" + id, null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void badInputIsA422NamingTheFieldWithNothingStoredAndNoProviderCalled() {
        String tenant = fresh("t");
        JsonNode app = docuSignApp(tenant, false);
        int sentBefore = sandboxEnvelopeEvents();

        HttpResponse<String> email = call("POST", PATH, userOf(tenant, "u"), Map.of("templateId", app.get("templateId").asString(),
                "recipient", Map.of("name", "Eve", "email", "not-an-email")));
        HttpResponse<String> noName = call("POST", PATH, userOf(tenant, "u"), Map.of("templateId", "t",
                "recipient", Map.of("email", "eve@example.com")));
        HttpResponse<String> noTemplate = call("POST", PATH, userOf(tenant, "u"),
                Map.of("recipient", Map.of("name", "Eve", "email", "eve@example.com")));
        HttpResponse<String> course = call("POST", PATH, userOf(tenant, "u"), Map.of("templateId", "t", "courseId", "c1",
                "recipient", Map.of("name", "Eve", "email", "eve@example.com")));

        assertThat(email.statusCode()).isEqualTo(422);
        assertThat(email.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
        assertThat(fields(email)).containsExactly("recipient.email");
        assertThat(fields(noName)).containsExactly("recipient.name");
        assertThat(noTemplate.statusCode()).isEqualTo(422);
        assertThat(fields(noTemplate)).containsExactly("templateId");
        assertThat(course.statusCode()).isEqualTo(403);
        assertThat(count("select count(*) from envelopes where tenant_id = ?", tenant)).isZero();
        assertThat(sandboxEnvelopeEvents()).isEqualTo(sentBefore);
    }

    @Test
    void anIntegrationNotConfiguredOrDisabledIsA409AndAProviderTimingOutOrFailingIsA503WithRetryAfter() {
        String tenant = fresh("t");
        Map<String, Object> request = Map.of("templateId", "t", "recipient", Map.of("name", "Fay", "email", "fay@example.com"));
        HttpResponse<String> missing = call("POST", PATH, userOf(tenant, "u"), request);
        assertThat(missing.statusCode()).isEqualTo(409);
        assertThat(missing.body()).contains("integration_not_configured");

        JsonNode app = docuSignApp(tenant);
        configure(tenant, "docusign", Map.of("enabled", false));
        HttpResponse<String> disabled = call("POST", PATH, userOf(tenant, "u"), request);
        assertThat(disabled.statusCode()).isEqualTo(409);
        assertThat(disabled.body()).contains("integration_disabled");

        configure(tenant, "docusign", Map.of("enabled", true));
        Map<String, Object> good = Map.of("templateId", app.get("templateId").asString(),
                "recipient", Map.of("name", "Fay", "email", "fay@example.com"));
        try {
            fault("docusign", null, 1, 4000);
            HttpResponse<String> slow = call("POST", PATH, userOf(tenant, "u"), good);
            assertThat(slow.statusCode()).as(slow.body()).isEqualTo(503);
            assertThat(slow.headers().firstValue("Retry-After")).isPresent();
            assertThat(slow.body()).contains("provider_unavailable");

            fault("docusign", 500, 3, 0);
            HttpResponse<String> failing = call("POST", PATH, userOf(tenant, "u"), good);
            assertThat(failing.statusCode()).as(failing.body()).isEqualTo(503);
            assertThat(failing.headers().firstValue("Retry-After")).isPresent();
        } finally {
            disarm("docusign");
        }
        assertThat(count("select count(*) from envelopes where tenant_id = ?", tenant)).isZero();

        HttpResponse<String> wrongTemplate = call("POST", PATH, userOf(tenant, "u"),
                Map.of("templateId", "no-such-template", "recipient", Map.of("name", "Fay", "email", "fay@example.com")));
        assertThat(wrongTemplate.statusCode()).isEqualTo(502);
        assertThat(wrongTemplate.body()).contains("TEMPLATE_ID_INVALID");
    }

    @Test
    void testConnectionGrantsAndReadsUserinfoAndReportsDocuSignsReasonForAForeignKey() {
        String tenant = fresh("t");
        JsonNode app = docuSignApp(tenant);

        HttpResponse<String> ok = testConnection(tenant, "docusign");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json(ok).get("ok").asBoolean()).as(ok.body()).isTrue();
        assertThat(json(ok).get("message").asString()).contains(app.get("accountId").asString());

        JsonNode other = sandbox("POST", "/_sandbox/docusign/apps", null);
        configure(tenant, "docusign", Map.of("credentials", Map.of("integrationKey", app.get("integrationKey").asString(),
                "userId", app.get("userId").asString(), "privateKey", other.get("privateKey").asString())));
        HttpResponse<String> refused = testConnection(tenant, "docusign");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(json(refused).get("ok").asBoolean()).isFalse();
        assertThat(json(refused).get("message").asString()).contains("no_valid_keys_or_signatures");

        configure(tenant, "docusign", Map.of("credentials", Map.of("integrationKey", app.get("integrationKey").asString(),
                "userId", app.get("userId").asString(), "privateKey", "not a key")));
        HttpResponse<String> garbage = testConnection(tenant, "docusign");
        assertThat(json(garbage).get("ok").asBoolean()).isFalse();
        assertThat(json(garbage).get("message").asString()).contains("privateKey");

        try {
            fault("docusign", null, 1, 4000);
            HttpResponse<String> slow = testConnection(tenant, "docusign");
            assertThat(slow.statusCode()).isEqualTo(200);
            assertThat(json(slow).get("ok").asBoolean()).isFalse();
        } finally {
            disarm("docusign");
        }
    }

    // ---- helpers ----

    /** A DocuSign app in the sandbox, stored (enabled) as the tenant's integration, its template the default. */
    private JsonNode docuSignApp(String tenant) {
        return docuSignApp(tenant, true);
    }

    private JsonNode docuSignApp(String tenant, boolean defaultTemplate) {
        JsonNode app = sandbox("POST", "/_sandbox/docusign/apps", null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("enabled", true);
        body.put("credentials", Map.of("integrationKey", app.get("integrationKey").asString(),
                "userId", app.get("userId").asString(), "privateKey", app.get("privateKey").asString()));
        if (defaultTemplate) {
            body.put("settings", Map.of("templateId", app.get("templateId").asString()));
        }
        configure(tenant, "docusign", body);
        return app;
    }

    /** Sends an envelope from the tenant's default template (its DocuSign settings name one). */
    private String send(String tenant, String user, String email) {
        HttpResponse<String> sent = call("POST", PATH, userOf(tenant, user),
                Map.of("recipient", Map.of("name", "R", "email", email)));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        return json(sent).get("id").asString();
    }

    private String status(String tenant, String id) {
        return json(call("GET", PATH + "/" + id, userOf(tenant, "anyone"), null)).get("status").asString();
    }

    private long completedEvents(String envelopeId) {
        return count("select count(*) from outbox where topic = 'plinth.signatures.v1' and event->>'type' ="
                + " 'signature.envelope-completed' and event->'data'->>'envelopeId' = ?", envelopeId);
    }

    private String eventJson(String envelopeId) {
        return strings("select event::text from outbox where topic = 'plinth.signatures.v1' and event->'data'->>'envelopeId' = ?",
                envelopeId).get(0);
    }

    private JsonNode sandboxEvent(String envelopeId, String type) {
        for (JsonNode e : sandbox("GET", "/_sandbox/docusign/events?limit=100", null).get("data")) {
            if (type.equals(e.get("type").asString()) && e.get("body").asString().contains(envelopeId)) {
                return e;
            }
        }
        throw new AssertionError("the sandbox sent no " + type + " for " + envelopeId);
    }

    private int sandboxEnvelopeEvents() {
        return sandbox("GET", "/_sandbox/docusign/events?limit=100", null).get("data").size();
    }

    /** A Connect notification signed with the ingress's key, as DocuSign would send it; the provider event id. */
    private String deliverConnect(String event, String envelopeId, Instant generated) {
        byte[] body = ("{\"event\":\"" + event + "\",\"generatedDateTime\":\"" + generated + "\",\"data\":{\"envelopeId\":\""
                + envelopeId + "\",\"envelopeSummary\":{\"status\":\"" + event.substring("envelope-".length()) + "\"}}}").getBytes();
        HttpResponse<String> r = deliver("/api/v1/webhooks/docusign", body, TestWebhooks.DOCUSIGN.sign(now(), body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).get("eventId").asString();
    }

    private static List<String> fields(HttpResponse<String> response) {
        List<String> fields = new java.util.ArrayList<>();
        json(response).path("errors").forEach(e -> fields.add(e.get("field").asString()));
        return fields;
    }
}
