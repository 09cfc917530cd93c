package io.plinth.integration.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The provider sandbox's {@code /_sandbox/…} controls, for tests that play the provider's side or read its state. */
public final class SandboxControls {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SandboxControls() {
    }

    public static HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(SandboxProcess.url().resolve(path)).GET().build());
    }

    public static HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(SandboxProcess.url().resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Arms {@code POST /_sandbox/{provider}/faults}. */
    public static void fault(String provider, String json) {
        HttpResponse<String> armed = post("/_sandbox/" + provider + "/faults", json);
        assertThat(armed.statusCode()).as(armed.body()).isBetween(200, 299);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
