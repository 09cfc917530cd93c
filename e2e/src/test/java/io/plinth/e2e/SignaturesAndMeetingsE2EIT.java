package io.plinth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.plinth.devstack.Components;
import io.plinth.devstack.Devstack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

/**
 * DocuSign envelopes and Zoom meetings through the real gateway, with the sandbox as both providers: the default
 * tenant's admin configures them, a user of the tenant sends an envelope and schedules a meeting, the signer's Connect webhook
 * comes back through the gateway to complete the envelope; no token is a 401 and a user of another tenant gets 404.
 */
@ExtendWith(RunningPlatform.class)
class SignaturesAndMeetingsE2EIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static URI gateway;
    private static URI sandbox;
    private static String admin;
    private static String user;
    private static String stranger;

    @BeforeAll
    static void aTenantWithDocuSignAndZoomAndAUserInAnother() {
        Devstack platform = RunningPlatform.devstack();
        gateway = RunningPlatform.gateway();
        sandbox = platform.url(Components.SANDBOX);
        Gateway client = new Gateway(gateway);
        String root = client.token(platform.settings().adminEmail(), platform.settings().adminPassword());
        // Only the platform admin's own tenant (default) can be configured through the API: admins are per tenant,
        // and the devstack's one admin is default's. The stranger is a user of a tenant made for this test.
        String other = "e2e-other-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = call("POST", gateway, "/api/v1/admin/tenants", root,
                Map.of("tenantId", other, "name", other));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        admin = root;
        user = register(client, null);
        stranger = register(client, other);

        String docusign = call("POST", sandbox, "/_sandbox/docusign/apps", null, null).body();
        String zoom = call("POST", sandbox, "/_sandbox/zoom/apps", null, null).body();
        configure("docusign", Map.of("enabled", true,
                "credentials", Map.of("integrationKey", JsonPath.read(docusign, "$.integrationKey"),
                        "userId", JsonPath.read(docusign, "$.userId"), "privateKey", JsonPath.read(docusign, "$.privateKey")),
                "settings", Map.of("templateId", JsonPath.read(docusign, "$.templateId"))));
        configure("zoom", Map.of("enabled", true, "credentials", Map.of(
                "accountId", JsonPath.read(zoom, "$.accountId"), "clientId", JsonPath.read(zoom, "$.clientId"),
                "clientSecret", JsonPath.read(zoom, "$.clientSecret"))));
    }

    @Test
    void anEnvelopeIsSentCompletedByTheSignedWebhookAndInvisibleToAnotherTenant() {
        HttpResponse<String> anonymous = call("POST", gateway, "/api/v1/signatures/envelopes", null,
                Map.of("recipient", Map.of("name", "Ada", "email", "ada@example.com")));
        assertThat(anonymous.statusCode()).isEqualTo(401);

        HttpResponse<String> sent = call("POST", gateway, "/api/v1/signatures/envelopes", user,
                Map.of("recipient", Map.of("name", "Ada", "email", "ada@example.com")));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        String id = JsonPath.read(sent.body(), "$.id");
        String envelopeId = JsonPath.read(sent.body(), "$.envelopeId");

        assertThat(call("GET", gateway, "/api/v1/signatures/envelopes/" + id, stranger, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", gateway, "/api/v1/signatures/envelopes/" + id, null, null).statusCode()).isEqualTo(401);

        assertThat(call("POST", sandbox, "/_sandbox/docusign/envelopes/" + envelopeId + "/complete", null, null)
                .statusCode()).isEqualTo(200);
        await("the Connect webhook came back through the gateway").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> "completed".equals(JsonPath.read(
                        call("GET", gateway, "/api/v1/signatures/envelopes/" + id, user, null).body(), "$.status")));
    }

    @Test
    void aMeetingIsScheduledForTheTenantAndInvisibleToAnotherTenant() {
        Map<String, Object> request = Map.of("topic", "E2E kickoff", "durationMinutes", 30,
                "startTime", Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());
        assertThat(call("POST", gateway, "/api/v1/meetings", null, request).statusCode()).isEqualTo(401);

        HttpResponse<String> created = call("POST", gateway, "/api/v1/meetings", user, request);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JsonPath.read(created.body(), "$.id");

        assertThat(call("GET", gateway, "/api/v1/meetings/" + id, user, null).statusCode()).isEqualTo(200);
        HttpResponse<String> foreign = call("GET", gateway, "/api/v1/meetings/" + id, stranger, null);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).doesNotContain("E2E kickoff");
        HttpResponse<String> foreignPost = call("POST", gateway, "/api/v1/meetings", stranger, request);
        assertThat(foreignPost.statusCode()).isEqualTo(409);
        assertThat(foreignPost.body()).contains("integration_not_configured");
    }

    private static String register(Gateway client, String tenantId) {
        String email = "e2e-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> registered = call("POST", gateway, "/api/v1/auth/register", null, tenantId == null
                ? Map.of("email", email, "password", Gateway.PASSWORD)
                : Map.of("email", email, "password", Gateway.PASSWORD, "tenantId", tenantId));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return client.token(email, Gateway.PASSWORD);
    }

    private static void configure(String key, Map<String, Object> body) {
        HttpResponse<String> put = call("PUT", gateway, "/api/v1/admin/integrations/" + key, admin, body);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }

    private static HttpResponse<String> call(String method, URI base, String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
