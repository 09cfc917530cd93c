package io.plinth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.plinth.devstack.Components;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sign-up through the gateway puts a verification mail in the provider sandbox's SendGrid mailbox: auth-service
 * seals the token into {@code user.email-verification-requested}, integration-service opens it, renders the mail and
 * sends it with the devstack's SendGrid key; the link's token then verifies the address through the gateway.
 */
@ExtendWith(RunningPlatform.class)
class VerificationMailE2EIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern TOKEN = Pattern.compile("verify-email\\?token=([^\\s\"]+)");

    @Test
    void registeringAUserMailsAVerificationLinkThatVerifiesTheAddress() throws Exception {
        Gateway api = new Gateway(RunningPlatform.gateway());
        URI sandbox = RunningPlatform.devstack().url(Components.SANDBOX);
        Gateway.User user = api.registerNewUser();

        List<Map<String, Object>> mail = await("the verification mail in the sandbox's mailbox").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> mailbox(sandbox, user.email()), box -> !box.isEmpty());

        assertThat(mail).hasSize(1);
        assertThat(mail.get(0).get("subject")).isEqualTo("Confirm your email address");
        Matcher link = TOKEN.matcher((String) mail.get(0).get("text"));
        assertThat(link.find()).as((String) mail.get(0).get("text")).isTrue();
        String token = URLDecoder.decode(link.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> verified = HTTP.send(HttpRequest.newBuilder(RunningPlatform.gateway().resolve("/api/v1/auth/email/verify"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + token + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(204);
    }

    private static List<Map<String, Object>> mailbox(URI sandbox, String to) throws Exception {
        HttpResponse<String> box = HTTP.send(HttpRequest.newBuilder(sandbox.resolve("/_sandbox/sendgrid/mailbox?to="
                + URLEncoder.encode(to, StandardCharsets.UTF_8))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(box.statusCode()).isEqualTo(200);
        return JsonPath.read(box.body(), "$.data");
    }
}
