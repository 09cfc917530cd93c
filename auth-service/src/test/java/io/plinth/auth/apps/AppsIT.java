package io.plinth.auth.apps;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.plinth.auth.AuthServiceITSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

class AppsIT extends AuthServiceITSupport {

    @Autowired
    DatabaseClient db;

    @Test
    void adminRoutesAre403ForUsers() {
        String email = uniqueEmail();
        register(email);
        String user = accessToken(email);
        client().post().uri("/api/v1/admin/apps").headers(h -> h.setBearerAuth(user))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "x", "domain", "x.example.com", "permissions", List.of("read_credits")))
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        client().get().uri("/api/v1/admin/apps").headers(h -> h.setBearerAuth(user))
                .exchange().expectStatus().isForbidden();
        client().post().uri("/api/v1/admin/tenants").headers(h -> h.setBearerAuth(user))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("id", "t-x", "name", "X"))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void registeringAnAppValidatesPermissions() {
        client().post().uri("/api/v1/admin/apps").headers(h -> h.setBearerAuth(adminToken()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Quiz", "domain", "quiz.example.com", "permissions", List.of("root_access")))
                .exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("permissions");
    }

    @Test
    void crossAppSessionCarriesExactlyTheAppsPermissions() {
        String admin = adminToken();
        Map<String, Object> app = registerApp(admin, List.of("read_credits", "consume_credits"));
        String appId = (String) app.get("appId");
        String apiKey = (String) app.get("apiKey");
        String email = uniqueEmail();
        register(email);

        Map<String, Object> session = crossAppAuth(appId, apiKey, email, PASSWORD).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<String>) session.get("permissions")).containsExactly("read_credits", "consume_credits");
        // Without read_user_info the app does not learn the email.
        assertThat(((Map<String, Object>) session.get("user")).get("email")).isNull();
        String sessionToken = (String) session.get("sessionToken");

        validate(sessionToken, appId).expectStatus().isOk().expectBody()
                .jsonPath("$.valid").isEqualTo(true)
                .jsonPath("$.permissions.length()").isEqualTo(2);
        // A token for one app is worth nothing for another, or as a first-party bearer token (wrong audience).
        validate(sessionToken, UUID.randomUUID().toString()).expectBody().jsonPath("$.valid").isEqualTo(false);
        client().get().uri("/api/v1/auth/me").headers(h -> h.setBearerAuth(sessionToken))
                .exchange().expectStatus().isUnauthorized();

        // Revoking the app kills its tokens and its key.
        client().delete().uri("/api/v1/admin/apps/{id}", appId).headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isNoContent();
        validate(sessionToken, appId).expectBody().jsonPath("$.valid").isEqualTo(false);
        crossAppAuth(appId, apiKey, email, PASSWORD).expectStatus().isUnauthorized();
    }

    @Test
    void rotatingTheApiKeyKillsTheOldKey() {
        String admin = adminToken();
        Map<String, Object> app = registerApp(admin, List.of("read_user_info"));
        String appId = (String) app.get("appId");
        String oldKey = (String) app.get("apiKey");
        String email = uniqueEmail();
        register(email);

        String newKey = (String) client().post().uri("/api/v1/admin/apps/{id}/rotate-key", appId)
                .headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("apiKey");
        assertThat(newKey).isNotEqualTo(oldKey);

        crossAppAuth(appId, oldKey, email, PASSWORD).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_api_key");
        crossAppAuth(appId, newKey, email, PASSWORD).expectStatus().isOk()
                .expectBody().jsonPath("$.user.email").isEqualTo(email);
        crossAppAuth(appId, null, email, PASSWORD).expectStatus().isUnauthorized();
    }

    @Test
    void tenantsAreIsolated() {
        String admin = adminToken();
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        client().post().uri("/api/v1/admin/tenants").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("id", tenant, "name", "Other school"))
                .exchange().expectStatus().isCreated();

        String otherEmail = uniqueEmail();
        String otherUserId = register(otherEmail, tenant);
        client().get().uri("/api/v1/auth/me").headers(h -> h.setBearerAuth(accessToken(otherEmail)))
                .exchange().expectBody().jsonPath("$.tenantId").isEqualTo(tenant);

        // An app of the default tenant cannot sign in a user of another tenant.
        Map<String, Object> app = registerApp(admin, List.of("read_credits"));
        crossAppAuth((String) app.get("appId"), (String) app.get("apiKey"), otherEmail, PASSWORD)
                .expectStatus().isUnauthorized();

        // An admin of the other tenant (made so in the database: there is no API to create one) sees none of
        // the default tenant's apps: its id answers 404, the list is empty.
        db.sql("update users set roles = array['USER','ADMIN'] where id = :id")
                .bind("id", UUID.fromString(otherUserId)).fetch().rowsUpdated().block();
        String otherAdmin = accessToken(otherEmail);
        client().get().uri("/api/v1/admin/apps/{id}", app.get("appId")).headers(h -> h.setBearerAuth(otherAdmin))
                .exchange().expectStatus().isNotFound();
        client().post().uri("/api/v1/admin/apps/{id}/rotate-key", app.get("appId"))
                .headers(h -> h.setBearerAuth(otherAdmin)).exchange().expectStatus().isNotFound();
        client().get().uri("/api/v1/admin/apps").headers(h -> h.setBearerAuth(otherAdmin))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(0);
        // ... and cannot manage tenants, which is for the operator's admins.
        client().get().uri("/api/v1/admin/tenants").headers(h -> h.setBearerAuth(otherAdmin))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void aTenantIsNamedTenantIdAsEverywhereElseAndTheOldIdStillWorks() {
        String admin = adminToken();
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        client().post().uri("/api/v1/admin/tenants").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("tenantId", tenant, "name", "School"))
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.tenantId").isEqualTo(tenant);
        String legacy = "t-" + UUID.randomUUID().toString().substring(0, 8);
        client().post().uri("/api/v1/admin/tenants").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("id", legacy, "name", "School"))
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.tenantId").isEqualTo(legacy);
        // A bad one is named by the field's current name.
        client().post().uri("/api/v1/admin/tenants").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("tenantId", "Not Valid!", "name", "School"))
                .exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("tenantId");
    }

    @Test
    void registrationIntoAnUnknownTenantIs422() {
        client().post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", uniqueEmail(), "password", PASSWORD, "tenantId", "no-such-tenant"))
                .exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("tenantId");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> registerApp(String admin, List<String> permissions) {
        return client().post().uri("/api/v1/admin/apps").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Quiz app", "domain", "quiz.example.com", "permissions", permissions))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec crossAppAuth(String appId, String apiKey, String email, String password) {
        return client().post().uri("/api/v1/cross-app/auth")
                .headers(h -> {
                    if (apiKey != null) {
                        h.set("X-API-Key", apiKey);
                    }
                    h.set(CLIENT_ADDRESS_HEADER, uniqueAddress());
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("appId", appId, "email", email, "password", password))
                .exchange();
    }

    private WebTestClient.ResponseSpec validate(String sessionToken, String appId) {
        return client().post().uri("/api/v1/cross-app/validate-token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("sessionToken", sessionToken, "appId", appId)).exchange();
    }
}
