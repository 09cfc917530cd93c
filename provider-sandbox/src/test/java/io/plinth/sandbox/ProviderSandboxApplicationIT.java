package io.plinth.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ProviderSandboxApplicationIT extends SandboxTestBase {

    @Test
    void reportsUpOnHealthAndReadiness() throws Exception {
        for (String path : new String[] {"/actuator/health", "/actuator/health/readiness"}) {
            HttpResponse<String> response = get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).contains("\"status\":\"UP\"");
        }
    }

    /** The address the devstack prints for the sandbox opens a page that says what it is, not a 404. */
    @Test
    void theRootDescribesTheSandbox() throws Exception {
        HttpResponse<String> response = get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body()).contains("<h1>Plinth provider sandbox</h1>", "/_sandbox/sendgrid/mailbox");
    }
}
