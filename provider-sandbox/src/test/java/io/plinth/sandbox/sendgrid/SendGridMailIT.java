package io.plinth.sandbox.sendgrid;

import static org.assertj.core.api.Assertions.assertThat;

import io.plinth.sandbox.SandboxTestBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** SendGrid's v3 Mail Send as the sandbox answers it, and the mailbox that shows what was delivered. */
class SendGridMailIT extends SandboxTestBase {

    private static final String KEY = "Bearer SG.plinth-devstack.sandbox-api-key";
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/mail/send"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String mail(String to, boolean sandboxMode) {
        return "{\"personalizations\":[{\"to\":[{\"email\":\"" + to + "\"}]}],\"from\":{\"email\":\"no-reply@plinth.example\","
                + "\"name\":\"Plinth\"},\"subject\":\"Hello\",\"content\":[{\"type\":\"text/plain\",\"value\":\"Hi there\"},"
                + "{\"type\":\"text/html\",\"value\":\"<p>Hi there</p>\"}],\"mail_settings\":{\"sandbox_mode\":{\"enable\":"
                + sandboxMode + "}}}";
    }

    @Test
    void anAcceptedMailIs202WithAMessageIdAndLandsInTheMailbox() throws Exception {
        String to = "m-" + UUID.randomUUID() + "@plinth.example";

        HttpResponse<String> sent = send(KEY, mail(to, false));

        assertThat(sent.statusCode()).isEqualTo(202);
        assertThat(sent.body()).isEmpty();
        assertThat(sent.headers().firstValue("X-Message-Id")).isPresent();
        HttpResponse<String> box = get("/_sandbox/sendgrid/mailbox?to=" + to);
        assertThat(box.body()).contains("\"subject\":\"Hello\"", "\"text\":\"Hi there\"", "<p>Hi there</p>",
                "\"from\":\"no-reply@plinth.example\"", sent.headers().firstValue("X-Message-Id").orElseThrow());
        assertThat(get("/_sandbox/sendgrid/messages?to=" + to).body()).isEqualTo(box.body());
    }

    @Test
    void sandboxModeValidatesButDeliversNothing() throws Exception {
        String to = "s-" + UUID.randomUUID() + "@plinth.example";

        HttpResponse<String> sent = send(KEY, mail(to, true));

        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(get("/_sandbox/sendgrid/mailbox?to=" + to).body()).isEqualTo("{\"data\":[]}");
    }

    @Test
    void whatSendGridRefusesIsRefusedInItsShape() throws Exception {
        HttpResponse<String> noKey = send(null, mail("a@plinth.example", false));
        HttpResponse<String> wrongKey = send("Bearer SG.not-known", mail("a@plinth.example", false));
        HttpResponse<String> badAddress = send(KEY, mail("not-an-address", false));
        HttpResponse<String> noSubject = send(KEY, mail("a@plinth.example", false).replace("\"subject\":\"Hello\",", ""));
        HttpResponse<String> notJson = send(KEY, "{oops");

        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertThat(wrongKey.body()).contains("invalid, expired, or revoked");
        assertThat(badAddress.statusCode()).isEqualTo(400);
        assertThat(badAddress.body()).contains("\"field\":\"personalizations.0.to.0.email\"", "Does not contain a valid address.");
        assertThat(noSubject.statusCode()).isEqualTo(400);
        assertThat(noSubject.body()).contains("\"field\":\"subject\"");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("\"errors\"");
    }

    @Test
    void a429FaultCarriesRetryAfterAndSendGridsErrorShape() throws Exception {
        assertThat(post("/_sandbox/sendgrid/faults", "{\"status\":429,\"times\":1}").statusCode()).isBetween(200, 299);

        HttpResponse<String> limited = send(KEY, mail("r@plinth.example", false));
        HttpResponse<String> next = send(KEY, mail("r@plinth.example", false));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("1");
        assertThat(limited.body()).startsWith("{\"errors\":[{");
        assertThat(next.statusCode()).isEqualTo(202);
    }
}
