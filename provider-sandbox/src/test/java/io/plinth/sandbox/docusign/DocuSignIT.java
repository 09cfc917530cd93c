package io.plinth.sandbox.docusign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plinth.sandbox.SandboxTestBase;
import io.plinth.sandbox.WebhookReceiver;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The sandbox's DocuSign: JWT grant against the registered key, userinfo, envelopes, the signer's Connect webhook. */
class DocuSignIT extends SandboxTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anAssertionSignedWithTheAppsKeyGetsATokenThatSendsAnEnvelopeWhoseSigningIsSignedConnect() throws Exception {
        JsonNode app = JSON.readTree(post("/_sandbox/docusign/apps", "").body());
        PrivateKey key = privateKey(app.get("privateKey").asString());

        HttpResponse<String> token = token(assertion(key, app, "localhost", 3600));
        assertThat(token.statusCode()).isEqualTo(200);
        String accessToken = JSON.readTree(token.body()).get("access_token").asString();

        JsonNode userinfo = JSON.readTree(call("GET", "/oauth/userinfo", accessToken, null).body());
        JsonNode account = userinfo.get("accounts").get(0);
        assertThat(account.get("account_id").asString()).isEqualTo(app.get("accountId").asString());
        assertThat(account.get("base_uri").asString()).isEqualTo("http://localhost:" + port);

        String envelopes = "/restapi/v2.1/accounts/" + app.get("accountId").asString() + "/envelopes";
        HttpResponse<String> created = call("POST", envelopes, accessToken, "{\"templateId\":\""
                + app.get("templateId").asString() + "\",\"templateRoles\":[{\"email\":\"ada@example.com\","
                + "\"name\":\"Ada\",\"roleName\":\"Signer\"}],\"status\":\"sent\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String envelopeId = JSON.readTree(created.body()).get("envelopeId").asString();

        assertThat(post("/_sandbox/docusign/envelopes/" + envelopeId + "/complete", "").statusCode()).isEqualTo(200);
        assertThat(post("/_sandbox/docusign/envelopes/" + envelopeId + "/decline", "").statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(call("GET", envelopes + "/" + envelopeId, accessToken, null).body())
                .get("status").asString()).isEqualTo("completed");

        await().atMost(Duration.ofSeconds(10)).until(() -> receivedAt("/connect", envelopeId).size() == 2);
        List<WebhookReceiver.Received> connect = receivedAt("/connect", envelopeId);
        assertThat(connect).extracting(r -> JSON.readTree(r.body()).get("event").asString())
                .containsExactlyInAnyOrder("envelope-sent", "envelope-completed");
        for (WebhookReceiver.Received r : connect) {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("docusign_connect_plinth_devstack".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            assertThat(r.header("X-DocuSign-Signature-1")).isEqualTo(Base64.getEncoder().encodeToString(mac.doFinal(r.body())));
        }
    }

    @Test
    void anAssertionSignedWithAnotherKeyOrForTooLongIsRefusedWithDocuSignsReason() throws Exception {
        JsonNode app = JSON.readTree(post("/_sandbox/docusign/apps", "").body());
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey other = generator.generateKeyPair().getPrivate();

        HttpResponse<String> forged = token(assertion(other, app, "localhost", 3600));
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("\"error\":\"invalid_grant\"").contains("no_valid_keys_or_signatures");

        HttpResponse<String> tooLong = token(assertion(privateKey(app.get("privateKey").asString()), app, "localhost", 7200));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(call("GET", "/oauth/userinfo", "not-a-token", null).statusCode()).isEqualTo(401);
    }

    static String assertion(PrivateKey key, JsonNode app, String aud, long lifetime) throws Exception {
        long now = Instant.now().getEpochSecond();
        String header = b64("{\"typ\":\"JWT\",\"alg\":\"RS256\"}");
        String claims = b64("{\"iss\":\"" + app.get("integrationKey").asString() + "\",\"sub\":\""
                + app.get("userId").asString() + "\",\"aud\":\"" + aud + "\",\"iat\":" + now + ",\"exp\":" + (now + lifetime)
                + ",\"scope\":\"signature impersonation\"}");
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static PrivateKey privateKey(String pem) throws Exception {
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private HttpResponse<String> token(String assertion) throws Exception {
        String form = "grant_type=" + URLEncoder.encode(DocuSignAccount.JWT_GRANT, StandardCharsets.UTF_8)
                + "&assertion=" + assertion;
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> call(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
