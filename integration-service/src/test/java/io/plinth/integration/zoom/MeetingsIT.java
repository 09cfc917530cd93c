package io.plinth.integration.zoom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plinth.integration.support.ProviderTestBase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Meetings end to end inside integration-service: the tenant's Zoom S2S OAuth app in the sandbox, a meeting scheduled
 * through it, and the host's signed meeting webhooks recorded against the meeting through the ingress and Kafka.
 */
class MeetingsIT extends ProviderTestBase {

    static final String PATH = "/api/v1/meetings";

    @Test
    void aMeetingIsScheduledThroughZoomAndItsStartIsRecordedOnceHoweverOftenZoomSendsIt() {
        String tenant = fresh("t");
        zoomApp(tenant);
        String start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();

        HttpResponse<String> created = call("POST", PATH, userOf(tenant, "host-1"),
                Map.of("topic", "Course kickoff", "startTime", start, "durationMinutes", 45, "timezone", "Europe/Berlin"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode meeting = json(created);
        String id = meeting.get("id").asString();
        String zoomId = meeting.get("zoomMeetingId").asString();
        assertThat(meeting.get("joinUrl").asString()).contains("/j/" + zoomId);
        assertThat(meeting.get("startUrl").asString()).contains("/s/" + zoomId);
        assertThat(meeting.get("startTime").asString()).isEqualTo(start);
        assertThat(meeting.get("status").asString()).isEqualTo("scheduled");
        assertThat(created.headers().firstValue("Location")).hasValue(PATH + "/" + id);
        JsonNode read = json(call("GET", PATH + "/" + id, userOf(tenant, "someone"), null));
        assertThat(read.get("topic").asString()).isEqualTo("Course kickoff");
        assertThat(read.get("durationMinutes").asInt()).isEqualTo(45);
        assertThat(read.get("startUrl").isNull()).isTrue();

        sandbox("POST", "/_sandbox/zoom/meetings/" + zoomId + "/start", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> "started".equals(meeting(tenant, id).get("status").asString()));
        String eventId = sandboxEvent(zoomId, "meeting.started").get("id").asString();
        sandbox("POST", "/_sandbox/zoom/events/" + eventId + "/resend", null);
        sandbox("POST", "/_sandbox/zoom/meetings/" + zoomId + "/end", null);

        await().atMost(Duration.ofSeconds(30)).until(() -> "ended".equals(meeting(tenant, id).get("status").asString()));
        await().atMost(Duration.ofSeconds(30)).until(() -> sandboxEvent(zoomId, "meeting.started").get("delivered").asInt() == 2);
        assertThat(types(meeting(tenant, id))).containsExactly("meeting.started", "meeting.ended");
    }

    @Test
    void anotherTenantsMeetingIsNotFound() {
        String tenant = fresh("t");
        zoomApp(tenant);
        String id = json(call("POST", PATH, userOf(tenant, "u"), Map.of("topic", "Private",
                "startTime", Instant.now().plus(1, ChronoUnit.DAYS).toString(), "durationMinutes", 30))).get("id").asString();

        HttpResponse<String> other = call("GET", PATH + "/" + id, userOf(fresh("other"), "u"), null);

        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).doesNotContain("Private");
        assertThat(call("GET", PATH + "/" + id, userOf(tenant, "u"), null).statusCode()).isEqualTo(200);
        assertThat(call("GET", PATH + "/" + id, null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aMeetingInThePastOrOfNoLengthIsA422NamingTheFieldWithNothingStored() {
        String tenant = fresh("t");
        zoomApp(tenant);
        String future = Instant.now().plus(1, ChronoUnit.DAYS).toString();

        HttpResponse<String> past = call("POST", PATH, userOf(tenant, "u"), Map.of("topic", "Late",
                "startTime", Instant.now().minus(1, ChronoUnit.HOURS).toString(), "durationMinutes", 30));
        HttpResponse<String> zero = call("POST", PATH, userOf(tenant, "u"), Map.of("topic", "x", "startTime", future,
                "durationMinutes", 0));
        HttpResponse<String> negative = call("POST", PATH, userOf(tenant, "u"), Map.of("topic", "x", "startTime", future,
                "durationMinutes", -15));
        HttpResponse<String> garbage = call("POST", PATH, userOf(tenant, "u"), Map.of("topic", "", "startTime", "tomorrow",
                "durationMinutes", 30, "timezone", "Mars/Olympus"));
        HttpResponse<String> noDuration = call("POST", PATH, userOf(tenant, "u"), Map.of("topic", "x", "startTime", future));

        assertThat(past.statusCode()).isEqualTo(422);
        assertThat(fields(past)).containsExactly("startTime");
        assertThat(fields(zero)).containsExactly("durationMinutes");
        assertThat(fields(negative)).containsExactly("durationMinutes");
        assertThat(fields(garbage)).containsExactlyInAnyOrder("topic", "startTime", "timezone");
        assertThat(fields(noDuration)).containsExactly("durationMinutes");
        assertThat(count("select count(*) from meetings where tenant_id = ?", tenant)).isZero();
    }

    @Test
    void zoomTimingOutIsA503WithRetryAfterAndNotConfiguredIsA409() {
        String tenant = fresh("t");
        Map<String, Object> request = Map.of("topic", "x", "startTime", Instant.now().plus(1, ChronoUnit.DAYS).toString(),
                "durationMinutes", 30);
        HttpResponse<String> missing = call("POST", PATH, userOf(tenant, "u"), request);
        assertThat(missing.statusCode()).isEqualTo(409);
        assertThat(missing.body()).contains("integration_not_configured");

        zoomApp(tenant);
        try {
            fault("zoom", null, 1, 4000);
            HttpResponse<String> slow = call("POST", PATH, userOf(tenant, "u"), request);
            assertThat(slow.statusCode()).as(slow.body()).isEqualTo(503);
            assertThat(slow.headers().firstValue("Retry-After")).isPresent();
        } finally {
            disarm("zoom");
        }
        assertThat(count("select count(*) from meetings where tenant_id = ?", tenant)).isZero();
    }

    @Test
    void testConnectionCallsUsersMeAndReportsZoomsReasonForAWrongSecret() {
        String tenant = fresh("t");
        JsonNode app = zoomApp(tenant);

        HttpResponse<String> ok = testConnection(tenant, "zoom");
        assertThat(json(ok).get("ok").asBoolean()).as(ok.body()).isTrue();
        assertThat(json(ok).get("message").asString()).contains(app.get("email").asString());

        configure(tenant, "zoom", Map.of("credentials", Map.of("accountId", app.get("accountId").asString(),
                "clientId", app.get("clientId").asString(), "clientSecret", "wrong-secret")));
        HttpResponse<String> refused = testConnection(tenant, "zoom");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(json(refused).get("ok").asBoolean()).isFalse();
        assertThat(json(refused).get("message").asString()).contains("Invalid client_id or client_secret");
    }

    // ---- helpers ----

    private JsonNode zoomApp(String tenant) {
        JsonNode app = sandbox("POST", "/_sandbox/zoom/apps", null);
        configure(tenant, "zoom", Map.of("enabled", true, "credentials", Map.of("accountId", app.get("accountId").asString(),
                "clientId", app.get("clientId").asString(), "clientSecret", app.get("clientSecret").asString())));
        return app;
    }

    private JsonNode meeting(String tenant, String id) {
        return json(call("GET", PATH + "/" + id, userOf(tenant, "u"), null));
    }

    private JsonNode sandboxEvent(String zoomId, String type) {
        for (JsonNode e : sandbox("GET", "/_sandbox/zoom/events?limit=100", null).get("data")) {
            if (type.equals(e.get("type").asString()) && e.get("body").asString().contains("\"id\":\"" + zoomId + "\"")) {
                return e;
            }
        }
        throw new AssertionError("the sandbox sent no " + type + " for " + zoomId);
    }

    private static List<String> types(JsonNode meeting) {
        List<String> types = new ArrayList<>();
        meeting.get("events").forEach(e -> types.add(e.get("type").asString()));
        return types;
    }

    private static List<String> fields(HttpResponse<String> response) {
        List<String> fields = new ArrayList<>();
        json(response).path("errors").forEach(e -> fields.add(e.get("field").asString()));
        return fields;
    }
}
