package io.plinth.sandbox.sendgrid;

import static org.assertj.core.api.Assertions.assertThat;

import io.plinth.sandbox.SandboxTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** SendGrid's API-key check as the sandbox answers it: SendGrid's paths, statuses and error shape. */
class SendGridScopesIT extends SandboxTestBase {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> scopes(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/scopes")).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aKnownKeyListsItsScopesAndAnythingElseIsRefusedLikeSendGrid() throws Exception {
        HttpResponse<String> known = scopes("Bearer SG.plinth-devstack.sandbox-api-key");
        HttpResponse<String> unknown = scopes("Bearer SG.someone-elses-key");
        HttpResponse<String> none = scopes(null);

        assertThat(known.statusCode()).isEqualTo(200);
        assertThat(known.body()).contains("\"scopes\"").contains("\"mail.send\"");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).contains("\"errors\"").contains("invalid, expired, or revoked").doesNotContain("someone-elses");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("authorization required");
    }

    @Test
    void faultsApplyToTheKeyCheck() throws Exception {
        assertThat(post("/_sandbox/sendgrid/faults", "{\"status\":503,\"times\":1}").statusCode()).isBetween(200, 299);

        assertThat(scopes("Bearer SG.plinth-devstack.sandbox-api-key").statusCode()).isEqualTo(503);
        assertThat(scopes("Bearer SG.plinth-devstack.sandbox-api-key").statusCode()).isEqualTo(200);
    }
}
