package io.plinth.integration.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.plinth.integration.support.IngressTestBase;
import io.plinth.integration.support.SandboxProcess;
import io.plinth.test.PlatformInfrastructure;
import io.plinth.test.security.TestTokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The registry over HTTP on real PostgreSQL, with the provider sandbox as SendGrid. Each test has its own tenant.
 */
@ExtendWith(OutputCaptureExtension.class)
class IntegrationRegistryIT extends IngressTestBase {

    /** The sandbox's devstack SendGrid key (provider-sandbox application.yml). */
    static final String SANDBOX_SENDGRID_KEY = "SG.plinth-devstack.sandbox-api-key";
    static final String PATH = "/api/v1/admin/integrations";

    @Autowired
    IntegrationStore store;
    @Autowired
    TransactionalOperator tx;
    @Autowired
    Clock clock;

    @Test
    void credentialsAreStoredEncryptedAndOnlyEverReadMasked(CapturedOutput output) {
        String tenant = fresh("t");
        String secret = "SG.registry-secret-" + fresh("k");

        HttpResponse<String> put = put(tenant, "sendgrid", "{\"enabled\":true,\"credentials\":{\"apiKey\":\"" + secret + "\"},"
                + "\"settings\":{\"fromEmail\":\"mail@plinth.example\",\"sandboxMode\":true}}");

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(put.body()).doesNotContain(secret);
        assertThat((String) JsonPath.read(put.body(), "$.credentials.apiKey")).isEqualTo("****" + secret.substring(secret.length() - 4));
        assertThat((Boolean) JsonPath.read(put.body(), "$.settings.sandboxMode")).isTrue();
        Map<String, Object> row = row("select credentials_key_id, credentials_nonce, credentials_ciphertext, t::text as whole"
                + " from integrations t where tenant_id = ? and integration_key = 'sendgrid'", tenant);
        assertThat(row.get("credentials_key_id")).isEqualTo("test-1");
        assertThat((byte[]) row.get("credentials_nonce")).hasSize(12);
        assertThat(new String((byte[]) row.get("credentials_ciphertext"), StandardCharsets.ISO_8859_1)).doesNotContain(secret);
        assertThat((String) row.get("whole")).doesNotContain(secret).doesNotContain(hex(secret));

        HttpResponse<String> one = get(tenant, PATH + "/sendgrid");
        HttpResponse<String> all = get(tenant, PATH);
        assertThat(one.body()).doesNotContain(secret).contains("\"configured\":true").contains("\"credentialsReadable\":true");
        assertThat(all.body()).doesNotContain(secret);
        assertThat((List<String>) JsonPath.read(all.body(), "$.items[*].key")).containsExactly("docusign", "zoom", "sendgrid", "notion");
        assertThat((List<Boolean>) JsonPath.read(all.body(), "$.items[?(@.key=='sendgrid')].enabled")).containsExactly(true);

        Map<String, Object> audit = row("select actor, action, changes::text as changes from integration_audit where tenant_id = ?", tenant);
        assertThat(audit).containsEntry("actor", "admin-" + tenant).containsEntry("action", "created");
        assertThat((String) audit.get("changes")).contains("apiKey").contains("mail@plinth.example").doesNotContain(secret);
        assertThat(output.getAll()).contains("integration sendgrid created for tenant " + tenant).doesNotContain(secret);
    }

    @Test
    void concurrentWritesOfOneIntegrationTakeTurnsAndOnlyOneCreatesIt() throws Exception {
        String tenant = fresh("t");
        int writers = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        try {
            List<java.util.concurrent.Future<HttpResponse<String>>> puts = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String apiKey = "SG.concurrent-writer-" + i;
                puts.add(pool.submit(() -> put(tenant, "sendgrid", "{\"credentials\":{\"apiKey\":\"" + apiKey + "\"}}")));
            }
            for (java.util.concurrent.Future<HttpResponse<String>> p : puts) {
                assertThat(p.get().statusCode()).as(p.get().body()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(strings("select action from integration_audit where tenant_id = ? order by id", tenant))
                .hasSize(writers).first().isEqualTo("created");
        assertThat(count("select count(*) from integration_audit where tenant_id = ? and action = 'created'", tenant)).isEqualTo(1);
        assertThat(count("select count(*) from integrations where tenant_id = ?", tenant)).isEqualTo(1);
    }

    @Test
    void everyWriteGetsAFreshNonceAndAnAuditLineNamingOnlyWhatChanged() {
        String tenant = fresh("t");
        put(tenant, "zoom", "{\"credentials\":{\"accountId\":\"acc-1\",\"clientId\":\"cid-1\",\"clientSecret\":\"zoom-secret-one\"}}");
        byte[] firstNonce = (byte[]) row("select credentials_nonce from integrations where tenant_id = ?", tenant).get("credentials_nonce");

        HttpResponse<String> second = put(tenant, "zoom", "{\"enabled\":true,\"credentials\":{\"accountId\":\"acc-1\","
                + "\"clientId\":\"cid-1\",\"clientSecret\":\"zoom-secret-two\"},\"settings\":{\"defaultDurationMinutes\":45}}");
        HttpResponse<String> same = put(tenant, "zoom", "{\"enabled\":true}");

        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(same.statusCode()).isEqualTo(200);
        assertThat((byte[]) row("select credentials_nonce from integrations where tenant_id = ?", tenant).get("credentials_nonce"))
                .isNotEqualTo(firstNonce);
        List<String> changes = strings("select changes::text from integration_audit where tenant_id = ? order by id", tenant);
        assertThat(changes).hasSize(2);
        assertThat(changes.get(1)).contains("\"credentials\": [\"clientSecret\"]").contains("\"enabled\": {\"to\": true, \"from\": false}")
                .contains("defaultDurationMinutes").doesNotContain("zoom-secret").doesNotContain("cid-1");
    }

    @Test
    void rotationReencryptsEveryRowToTheActiveKey() {
        String tenant = fresh("t");
        put(tenant, "sendgrid", "{\"credentials\":{\"apiKey\":\"" + SANDBOX_SENDGRID_KEY + "\"}}");
        put(tenant, "notion", "{\"credentials\":{\"token\":\"secret_notion_token_for_rotation\"}}");
        assertThat(strings("select credentials_key_id from integrations where tenant_id = ?", tenant)).containsOnly("test-1");
        CredentialCipher rotated = CredentialCipher.fromConfiguration(environment.getRequiredProperty(
                "plinth.integration.credentials.keys"), "test-2");

        Integer moved = new CredentialReencryption(store, rotated, tx, clock).run().block();

        assertThat(moved).isGreaterThanOrEqualTo(2);
        assertThat(strings("select credentials_key_id from integrations where tenant_id = ?", tenant)).containsOnly("test-2");
        assertThat(strings("select action from integration_audit where tenant_id = ? and actor = 'system:re-encryption'", tenant))
                .containsExactly("re-encrypted", "re-encrypted");
        HttpResponse<String> read = get(tenant, PATH + "/notion");
        assertThat((String) JsonPath.read(read.body(), "$.credentials.token")).isEqualTo("****tion");
        assertThat(test(tenant, "sendgrid").body()).contains("\"ok\":true");
        assertThat(new CredentialReencryption(store, rotated, tx, clock).run().block()).isZero();
    }

    @Test
    void aWrongKeyOrAnotherTenantsCiphertextRefusesToDecryptWithout500() {
        String tenant = fresh("t");
        String thief = fresh("t");
        put(tenant, "sendgrid", "{\"credentials\":{\"apiKey\":\"" + SANDBOX_SENDGRID_KEY + "\"}}");
        put(thief, "sendgrid", "{\"credentials\":{\"apiKey\":\"SG.the-thiefs-own-key-000000\"}}");
        IntegrationRow stored = store.find(tenant, IntegrationKey.SENDGRID).block();
        CredentialCipher wrongKey = CredentialCipher.fromConfiguration("test-1:" + CredentialCipherTest.K2, null);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> wrongKey.open(tenant, IntegrationKey.SENDGRID, stored.credentials()))
                .isInstanceOf(CredentialCipher.Unreadable.class);

        // Someone with write access to the table copies a tenant's ciphertext into their own row: it does not open there.
        update("update integrations t set credentials_nonce = s.credentials_nonce, credentials_ciphertext = s.credentials_ciphertext"
                + " from integrations s where s.tenant_id = ? and s.integration_key = 'sendgrid'"
                + " and t.tenant_id = ? and t.integration_key = 'sendgrid'", tenant, thief);
        HttpResponse<String> read = get(thief, PATH + "/sendgrid");
        HttpResponse<String> tested = test(thief, "sendgrid");

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("\"credentialsReadable\":false").contains("\"credentials\":{}");
        assertThat(tested.statusCode()).isEqualTo(200);
        assertThat(tested.body()).contains("\"ok\":false").contains("do not open");
    }

    @Test
    void anotherTenantsIntegrationsAreInvisible() {
        String tenant = fresh("t");
        String other = fresh("t");
        put(tenant, "sendgrid", "{\"enabled\":true,\"credentials\":{\"apiKey\":\"" + SANDBOX_SENDGRID_KEY + "\"}}");

        HttpResponse<String> list = get(other, PATH);
        HttpResponse<String> one = get(other, PATH + "/sendgrid");
        HttpResponse<String> tested = test(other, "sendgrid");

        assertThat((List<Boolean>) JsonPath.read(list.body(), "$.items[*].configured")).containsOnly(false);
        assertThat(one.body()).contains("\"configured\":false").doesNotContain("****");
        assertThat(tested.statusCode()).isEqualTo(409);
        assertThat((String) JsonPath.read(tested.body(), "$.code")).isEqualTo("integration_not_configured");
        assertThat(count("select count(*) from integrations where tenant_id = ?", other)).isZero();
        assertThat(get(tenant, PATH + "/sendgrid").body()).contains("\"configured\":true");
    }

    @Test
    void onlyAdminsGetIn() {
        String tenant = fresh("t");
        String user = "Bearer " + TestTokens.user("u-" + tenant).tenant(tenant).sign();
        String body = "{\"credentials\":{\"apiKey\":\"SG.not-an-admin\"}}";

        List<Integer> statuses = List.of(
                send(request(PATH, user).GET().build()).statusCode(),
                send(request(PATH + "/sendgrid", user).GET().build()).statusCode(),
                send(request(PATH + "/sendgrid", user).PUT(HttpRequest.BodyPublishers.ofString(body)).build()).statusCode(),
                send(request(PATH + "/sendgrid/test", user).POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode());

        assertThat(statuses).containsOnly(403);
        assertThat(send(HttpRequest.newBuilder(url(PATH)).GET().build()).statusCode()).isEqualTo(401);
        assertThat(count("select count(*) from integrations where tenant_id = ?", tenant)).isZero();
    }

    @Test
    void badInputIsA4xxNamingTheFieldAndWritesNothing() {
        String tenant = fresh("t");
        HttpResponse<String> unknown = put(tenant, "mailchimp", "{\"credentials\":{\"apiKey\":\"x\"}}");
        HttpResponse<String> missing = put(tenant, "sendgrid", "{\"credentials\":{}}");
        HttpResponse<String> docusign = put(tenant, "docusign", "{\"credentials\":{\"integrationKey\":\"ik\"}}");
        HttpResponse<String> wrongType = put(tenant, "sendgrid", "{\"enabled\":\"yes\",\"credentials\":{\"apiKey\":\"SG.x\"},"
                + "\"settings\":{\"sandboxMode\":\"true\",\"fromEmail\":\"nobody\"}}");
        HttpResponse<String> notion = put(tenant, "notion", "{\"credentials\":{\"token\":\"secret_x\"},"
                + "\"settings\":{\"contentDatabaseId\":\"my database\"}}");
        HttpResponse<String> notAnObject = put(tenant, "sendgrid", "[1,2]");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(get(tenant, PATH + "/mailchimp").statusCode()).isEqualTo(404);
        assertThat(test(tenant, "mailchimp").statusCode()).isEqualTo(404);
        assertThat(fields(missing)).containsExactly("credentials.apiKey");
        assertThat(fields(docusign)).containsExactlyInAnyOrder("credentials.userId", "credentials.privateKey");
        assertThat(fields(wrongType)).containsExactlyInAnyOrder("enabled", "settings.sandboxMode", "settings.fromEmail");
        assertThat(fields(notion)).containsExactly("settings.contentDatabaseId");
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));
        assertThat(notAnObject.statusCode()).isBetween(400, 422);
        assertThat(count("select count(*) from integrations where tenant_id = ?", tenant)).isZero();
        assertThat(count("select count(*) from integration_audit where tenant_id = ?", tenant)).isZero();

        put(tenant, "sendgrid", "{\"credentials\":{\"apiKey\":\"SG.valid-before-the-bad-update\"},\"settings\":{\"fromName\":\"Plinth\"}}");
        Map<String, Object> before = row("select t::text as whole from integrations t where tenant_id = ?", tenant);
        HttpResponse<String> badUpdate = put(tenant, "sendgrid", "{\"enabled\":true,\"settings\":{\"fromName\":12}}");
        assertThat(fields(badUpdate)).containsExactly("settings.fromName");
        assertThat(row("select t::text as whole from integrations t where tenant_id = ?", tenant)).isEqualTo(before);
        assertThat(count("select count(*) from integration_audit where tenant_id = ?", tenant)).isEqualTo(1);
    }

    @Test
    void testConnectionReportsOkWithTheSandboxKeyAndTheProvidersReasonOtherwise() {
        String tenant = fresh("t");
        put(tenant, "sendgrid", "{\"credentials\":{\"apiKey\":\"" + SANDBOX_SENDGRID_KEY + "\"}}");

        HttpResponse<String> ok = test(tenant, "sendgrid");

        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat((Boolean) JsonPath.read(ok.body(), "$.ok")).isTrue();
        assertThat(((Number) JsonPath.read(ok.body(), "$.latencyMs")).longValue()).isGreaterThanOrEqualTo(0);
        assertThat(get(tenant, PATH + "/sendgrid").body()).contains("\"lastTest\":{\"ok\":true");

        put(tenant, "sendgrid", "{\"credentials\":{\"apiKey\":\"SG.revoked-key-000000000000\"}}");
        HttpResponse<String> refused = test(tenant, "sendgrid");

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat((Boolean) JsonPath.read(refused.body(), "$.ok")).isFalse();
        assertThat((String) JsonPath.read(refused.body(), "$.message")).contains("invalid, expired, or revoked").doesNotContain("SG.revoked");
        assertThat(get(tenant, PATH + "/sendgrid").body()).contains("\"lastTest\":{\"ok\":false");
    }

    @Test
    void testConnectionSaysNotOkWhenSendGridStallsOrAnswersGarbage() {
        String tenant = fresh("t");
        put(tenant, "sendgrid", "{\"credentials\":{\"apiKey\":\"" + SANDBOX_SENDGRID_KEY + "\"}}");

        fault("{\"latencyMs\":5000,\"times\":1}");
        HttpResponse<String> stalled = test(tenant, "sendgrid");
        fault("{\"status\":200,\"times\":1}");
        HttpResponse<String> garbage = test(tenant, "sendgrid");
        fault("{\"status\":503,\"times\":1}");
        HttpResponse<String> down = test(tenant, "sendgrid");

        assertThat(List.of(stalled.statusCode(), garbage.statusCode(), down.statusCode())).containsOnly(200);
        assertThat(stalled.body()).contains("\"ok\":false").contains("did not answer within 2000 ms");
        assertThat(garbage.body()).contains("\"ok\":false").contains("without a scopes list");
        assertThat(down.body()).contains("\"ok\":false").contains("SendGrid answered 503");
    }

    // ---- helpers ----

    private HttpRequest.Builder request(String path, String authorization) {
        return HttpRequest.newBuilder(url(path)).header("Authorization", authorization).header("Content-Type", "application/json");
    }

    private String adminOf(String tenant) {
        return "Bearer " + TestTokens.admin("admin-" + tenant).tenant(tenant).sign();
    }

    private HttpResponse<String> put(String tenant, String key, String json) {
        return send(request(PATH + "/" + key, adminOf(tenant)).PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpResponse<String> get(String tenant, String path) {
        return send(request(path, adminOf(tenant)).GET().build());
    }

    private HttpResponse<String> test(String tenant, String key) {
        return send(request(PATH + "/" + key + "/test", adminOf(tenant)).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private void fault(String json) {
        HttpResponse<String> armed = send(HttpRequest.newBuilder(SandboxProcess.url().resolve("/_sandbox/sendgrid/faults"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
        assertThat(armed.statusCode()).as(armed.body()).isBetween(200, 299);
    }

    private static List<String> fields(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        return JsonPath.read(response.body(), "$.errors[*].field");
    }

    private static String hex(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            out.append(String.format("%02x", b));
        }
        return out.toString();
    }

    private Connection connection() throws SQLException {
        return PlatformInfrastructure.postgres().dataSource(environment.getRequiredProperty("plinth.test.database")).getConnection();
    }

    private Map<String, Object> row(String sql, Object... args) {
        try (Connection c = connection(); PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).as("a row for " + sql).isTrue();
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                out.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> strings(String sql, Object... args) {
        try (Connection c = connection(); PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void update(String sql, Object... args) {
        try (Connection c = connection(); PreparedStatement ps = prepare(c, sql, args)) {
            assertThat(ps.executeUpdate()).isEqualTo(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }
}
