package io.plinth.integration.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.plinth.test.security.TestTokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the DocuSign and Zoom ITs share on top of {@link IngressTestBase}: tokens per tenant, the registry's PUT, calls
 * as a user, and the sandbox's controls. Each test makes its own tenants and its own provider apps.
 */
public abstract class ProviderTestBase extends IngressTestBase {

    protected static final JsonMapper JSON = JsonMapper.builder().build();

    protected static String adminOf(String tenant) {
        return "Bearer " + TestTokens.admin("admin-" + tenant).tenant(tenant).sign();
    }

    protected static String userOf(String tenant, String userId) {
        return "Bearer " + TestTokens.user(userId).tenant(tenant).sign();
    }

    /** PUTs the integration for the tenant, as its admin; fails the test unless it is stored. */
    protected void configure(String tenant, String key, Map<String, ?> body) {
        HttpResponse<String> put = call("PUT", "/api/v1/admin/integrations/" + key, adminOf(tenant), body);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }

    protected HttpResponse<String> testConnection(String tenant, String key) {
        return call("POST", "/api/v1/admin/integrations/" + key + "/test", adminOf(tenant), null);
    }

    protected HttpResponse<String> call(String method, String path, String authorization, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    /** A call to the sandbox (its controls); the answer's JSON. */
    protected JsonNode sandbox(String method, String path, Object body) {
        HttpResponse<String> response = sandboxCall(method, path, body);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    protected HttpResponse<String> sandboxCall(String method, String path, Object body) {
        return send(HttpRequest.newBuilder(SandboxProcess.url().resolve(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build());
    }

    /** The provider's next {@code times} API calls wait {@code latencyMs}, then fail with {@code status} if given. */
    protected void fault(String provider, Integer status, int times, int latencyMs) {
        java.util.Map<String, Object> fault = new java.util.LinkedHashMap<>();
        if (status != null) {
            fault.put("status", status);
        }
        fault.put("times", times);
        fault.put("latencyMs", latencyMs);
        sandbox("POST", "/_sandbox/" + provider + "/faults", fault);
    }

    protected void disarm(String provider) {
        sandboxCall("DELETE", "/_sandbox/" + provider + "/faults", null);
    }

    /** Whether the named consumer has applied the Kafka event with this id. */
    protected boolean applied(String consumer, String eventId) {
        return count("select count(*) from inbox where consumer = ? and event_id = ?", consumer, eventId) == 1;
    }

    /** The first column of every row. */
    protected java.util.List<String> strings(String sql, Object... args) {
        try (java.sql.Connection c = io.plinth.test.PlatformInfrastructure.postgres()
                .dataSource(environment.getRequiredProperty("plinth.test.database")).getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            java.util.List<String> out = new java.util.ArrayList<>();
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
