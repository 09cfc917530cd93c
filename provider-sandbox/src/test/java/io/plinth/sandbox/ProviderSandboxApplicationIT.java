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
}
