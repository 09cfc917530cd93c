package io.plinth.sandbox.vdocipher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import io.plinth.sandbox.SandboxTestBase;

/** The sandbox's VdoCipher, with its default API secret. */
class VdoCipherIT extends SandboxTestBase {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anOtpForTheRightApiSecretNamesTheVideoInItsPlaybackInfo() throws Exception {
        HttpResponse<String> response = otp("vid-1", "Apisecret sandbox-vdocipher-secret", "{\"ttl\":300}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).containsPattern("\"otp\":\"[0-9a-f]{64}\"");
        String info = response.body().replaceAll(".*\"playbackInfo\":\"([^\"]+)\".*", "$1");
        assertThat(new String(Base64.getDecoder().decode(info), StandardCharsets.UTF_8))
                .isEqualTo("{\"videoId\":\"vid-1\"}");
        assertThat(get("/_sandbox/vdocipher/otps").body()).contains("\"videoId\":\"vid-1\"");
    }

    @Test
    void aWrongOrMissingApiSecretIsRefused() throws Exception {
        assertThat(otp("vid-2", "Apisecret the-wrong-secret", "{\"ttl\":300}").statusCode()).isEqualTo(403);
        assertThat(otp("vid-2", "Bearer sandbox-vdocipher-secret", "{\"ttl\":300}").statusCode()).isEqualTo(403);
        assertThat(otp("vid-2", null, "{\"ttl\":300}").statusCode()).isEqualTo(403);
        assertThat(get("/_sandbox/vdocipher/otps").body()).doesNotContain("vid-2");
    }

    @Test
    void aTtlOutsideVdoCiphersRangeIsABadRequest() throws Exception {
        assertThat(otp("vid-3", "Apisecret sandbox-vdocipher-secret", "{\"ttl\":0}").statusCode()).isEqualTo(400);
        assertThat(otp("vid-3", "Apisecret sandbox-vdocipher-secret", "{\"ttl\":999999}").statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> otp(String videoId, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/videos/" + videoId + "/otp"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
