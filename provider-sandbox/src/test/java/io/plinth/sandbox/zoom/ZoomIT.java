package io.plinth.sandbox.zoom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plinth.sandbox.SandboxTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The sandbox's Zoom: S2S OAuth, users/me, meetings, and the host's signed meeting webhooks. */
class ZoomIT extends SandboxTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anAppsCredentialsGetATokenThatSchedulesAMeetingWhoseStartIsAWebhook() throws Exception {
        JsonNode app = JSON.readTree(post("/_sandbox/zoom/apps", "").body());
        HttpResponse<String> token = token(app.get("accountId").asString(), app.get("clientId").asString(),
                app.get("clientSecret").asString());
        assertThat(token.statusCode()).isEqualTo(200);
        String accessToken = JSON.readTree(token.body()).get("access_token").asString();

        assertThat(JSON.readTree(call("GET", "/v2/users/me", accessToken, null).body()).get("id").asString())
                .isEqualTo(app.get("userId").asString());
        String start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        HttpResponse<String> created = call("POST", "/v2/users/me/meetings", accessToken,
                "{\"topic\":\"Kickoff\",\"type\":2,\"start_time\":\"" + start + "\",\"duration\":30,\"timezone\":\"UTC\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode meeting = JSON.readTree(created.body());
        assertThat(meeting.get("join_url").asString()).contains("/j/" + meeting.get("id").asLong());
        assertThat(JSON.readTree(call("GET", "/v2/meetings/" + meeting.get("id").asLong(), accessToken, null).body())
                .get("topic").asString()).isEqualTo("Kickoff");

        assertThat(post("/_sandbox/zoom/meetings/" + meeting.get("id").asLong() + "/start", "").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !receivedAt("/api/v1/webhooks/zoom", meeting.get("uuid").asString()).isEmpty());
        var received = receivedAt("/api/v1/webhooks/zoom", meeting.get("uuid").asString()).get(0);
        assertThat(received.header("x-zm-signature")).startsWith("v0=");
        assertThat(JSON.readTree(received.body()).get("event").asString()).isEqualTo("meeting.started");
    }

    @Test
    void aMeetingsJoinAndStartLinksOpenAPageNamingItAndAWrongSecretOpensNone() throws Exception {
        JsonNode app = JSON.readTree(post("/_sandbox/zoom/apps", "").body());
        String accessToken = JSON.readTree(token(app.get("accountId").asString(), app.get("clientId").asString(),
                app.get("clientSecret").asString()).body()).get("access_token").asString();
        JsonNode meeting = JSON.readTree(call("POST", "/v2/users/me/meetings", accessToken,
                "{\"topic\":\"<b>Kickoff</b>\",\"type\":2,\"start_time\":\"2030-01-01T10:00:00Z\",\"duration\":30}").body());

        for (String link : new String[] {meeting.get("join_url").asString(), meeting.get("start_url").asString()}) {
            HttpResponse<String> page = browse(URI.create(link));
            assertThat(page.statusCode()).as(link).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(page.body()).contains("&lt;b&gt;Kickoff&lt;/b&gt;", "meeting " + meeting.get("id").asLong(),
                    "<span id=\"status\">waiting</span>").doesNotContain("<b>Kickoff");
        }
        String join = meeting.get("join_url").asString();
        HttpResponse<String> wrong = browse(URI.create(join.substring(0, join.indexOf("?pwd=")) + "?pwd=guess"));
        assertThat(wrong.statusCode()).isEqualTo(404);
        assertThat(wrong.body()).contains("not valid").doesNotContain("Kickoff");
        // A join link's password does not open the host's start link.
        String password = join.substring(join.indexOf("?pwd=") + 5);
        assertThat(browse(URI.create("http://localhost:" + port + "/zoom/s/" + meeting.get("id").asLong() + "?zak=" + password))
                .statusCode()).isEqualTo(404);
    }

    @Test
    void aWrongSecretIsRefusedWithZoomsReasonAndAMeetingOfNoLengthIsABadRequest() throws Exception {
        JsonNode app = JSON.readTree(post("/_sandbox/zoom/apps", "").body());
        HttpResponse<String> refused = token(app.get("accountId").asString(), app.get("clientId").asString(), "wrong");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Invalid client_id or client_secret");

        String accessToken = JSON.readTree(token(app.get("accountId").asString(), app.get("clientId").asString(),
                app.get("clientSecret").asString()).body()).get("access_token").asString();
        HttpResponse<String> zero = call("POST", "/v2/users/me/meetings", accessToken,
                "{\"topic\":\"x\",\"type\":2,\"start_time\":\"2030-01-01T10:00:00Z\",\"duration\":0}");
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(call("GET", "/v2/users/me", "nope", null).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> browse(URI link) throws Exception {
        return http.send(HttpRequest.newBuilder(link).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> token(String accountId, String clientId, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/oauth/token?grant_type=account_credentials&account_id=" + accountId))
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> call(String method, String path, String token, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
