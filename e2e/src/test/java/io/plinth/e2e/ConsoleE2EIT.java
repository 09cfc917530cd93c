package io.plinth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.plinth.devstack.Components;
import io.plinth.devstack.DevstackSettings;
import io.plinth.devstack.WebhookSecrets;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.htmlunit.BrowserVersion;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.http.Cookie;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin console against the real platform, through the gateway, in a headless browser that runs the pages'
 * JavaScript (HtmlUnit): what an operator does, and what an attacker tries.
 */
@ExtendWith(RunningPlatform.class)
class ConsoleE2EIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private WebClient browser;
    private URI gateway;
    private Gateway api;

    @BeforeEach
    void openBrowser() {
        gateway = RunningPlatform.gateway();
        api = new Gateway(gateway);
        browser = new WebClient(BrowserVersion.FIREFOX);
        browser.getOptions().setThrowExceptionOnFailingStatusCode(false);
        browser.getOptions().setThrowExceptionOnScriptError(true);
        browser.getOptions().setCssEnabled(false);
        browser.getOptions().setTimeout(30_000);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    /**
     * Two tabs open a page at the same moment with an expired access token and the same refresh cookie. auth-service
     * revokes a refresh family when a spent token comes back, so without one shared renewal the second request
     * would sign the operator out everywhere; both pages open, and the renewed session goes on working.
     */
    @Test
    void twoTabsRenewingTogetherStaySignedIn() throws Exception {
        HttpResponse<String> login = api.login(DevstackSettings.DEFAULT_ADMIN_EMAIL, DevstackSettings.DEFAULT_ADMIN_PASSWORD);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String refresh = JsonPath.read(login.body(), "$.refreshToken");

        List<HttpResponse<String>> tabs = java.util.stream.IntStream.range(0, 2).parallel()
                .mapToObj(tab -> consolePage("/console", refresh)).toList();

        for (HttpResponse<String> tab : tabs) {
            assertThat(tab.statusCode()).as(tab.headers().firstValue("Location").orElse("")).isEqualTo(200);
        }
        List<String> renewed = tabs.stream().map(tab -> cookie(tab, "plinth_console_refresh")).distinct().toList();
        assertThat(renewed).as("one renewal, the same new refresh token for both tabs").hasSize(1)
                .doesNotContain(refresh);
        assertThat(consolePage("/console/users", renewed.get(0)).statusCode()).isEqualTo(200);
    }

    @Test
    void anAdminSignsInWithCookiesScriptsCannotReadAndSignsOut() throws Exception {
        HtmlPage overview = signIn(DevstackSettings.DEFAULT_ADMIN_EMAIL, DevstackSettings.DEFAULT_ADMIN_PASSWORD);

        assertThat(overview.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(overview.getTitleText()).startsWith("Overview");
        // Each service's build version, as its instances registered it in Eureka (the jar's Implementation-Version).
        HtmlElement credit = overview.querySelector("tr[data-service='credit-service'] td.version");
        assertThat(credit).as(overview.asNormalizedText()).isNotNull();
        assertThat(credit.getTextContent().trim()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(overview.asNormalizedText()).contains("Sign out", "Services", "Rejected webhooks, last hour");
        // Each service's outbox backlog, as the service itself reports it through the gateway.
        for (String service : List.of("auth-service", "credit-service", "payment-service", "video-service",
                "integration-service")) {
            HtmlElement outbox = overview.querySelector("tr[data-service='" + service + "'] td.outbox");
            assertThat(outbox).as(service).isNotNull();
            assertThat(outbox.getAttribute("data-unpublished")).as(service + ": " + outbox.getTextContent()).matches("\\d+");
            assertThat(outbox.getTextContent().trim()).matches("0|\\d+ \\(oldest .+\\)");
        }
        for (String noOutbox : List.of("gateway", "console")) {
            assertThat(overview.querySelector("tr[data-service='" + noOutbox + "'] td.outbox").getTextContent().trim())
                    .as(noOutbox).isEqualTo("—");
        }
        // The header names the operator by email (access tokens carry only the user id).
        assertThat(overview.querySelector("header .who").getTextContent().trim())
                .isEqualTo(DevstackSettings.DEFAULT_ADMIN_EMAIL);
        for (String name : List.of("plinth_console_access", "plinth_console_refresh", "plinth_console_csrf",
                "plinth_console_who")) {
            Cookie cookie = browser.getCookieManager().getCookie(name);
            assertThat(cookie).as(name).isNotNull();
            assertThat(cookie.isHttpOnly()).as(name + " HttpOnly").isTrue();
            assertThat(cookie.getSameSite()).as(name + " SameSite").isEqualToIgnoringCase("Strict");
            assertThat(cookie.getPath()).as(name + " Path").isEqualTo("/console");
            // Plain http, as here: a Secure cookie would never come back (production sets PLINTH_CONSOLE_SECURE_COOKIES).
            assertThat(cookie.isSecure()).as(name + " Secure over http").isFalse();
        }
        assertThat(overview.getWebResponse().getResponseHeaderValue("Content-Security-Policy"))
                .contains("script-src 'self'").doesNotContain("unsafe-inline");
        // A script on the page sees none of them.
        assertThat(overview.executeJavaScript("document.cookie").getJavaScriptResult().toString()).isEmpty();

        HtmlPage signedOut = click(overview, "form.signout button");

        assertThat(signedOut.getUrl().getPath()).isEqualTo("/console/login");
        assertThat(signedOut.asNormalizedText()).contains("You are signed out.");
        assertThat(browser.getCookieManager().getCookie("plinth_console_access")).isNull();
        assertThat(browser.getCookieManager().getCookie("plinth_console_who")).isNull();
        assertThat(this.<HtmlPage>open("/console/apps").getUrl().getPath()).isEqualTo("/console/login");
    }

    @Test
    void aUserWhoIsNotAnAdminSeesOnlyTheNotAnAdministratorPage() throws Exception {
        Gateway.User user = api.registerNewUser();

        HtmlPage refused = signIn(user.email(), Gateway.PASSWORD);

        assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(refused.asNormalizedText()).contains("Not an administrator").doesNotContain("Sign out");
        assertThat(browser.getCookieManager().getCookie("plinth_console_access")).isNull();
        assertThat(this.<HtmlPage>open("/console/users").getUrl().getPath()).isEqualTo("/console/login");
    }

    @Test
    void theNewAdminApisAreForAdminsOnlyThroughTheGateway() throws Exception {
        Gateway.User user = api.registerNewUser();
        String userToken = api.token(user.email(), Gateway.PASSWORD);
        String admin = api.token(DevstackSettings.DEFAULT_ADMIN_EMAIL, DevstackSettings.DEFAULT_ADMIN_PASSWORD);

        List<String> outboxes = java.util.stream.Stream.of("auth-service", "credit-service", "payment-service",
                "video-service", "integration-service").map(s -> "/api/v1/admin/services/" + s + "/outbox").toList();
        for (String path : java.util.stream.Stream.concat(java.util.stream.Stream.of(
                "/api/v1/admin/users?email=e2e", "/api/v1/admin/credits/" + user.id() + "/transactions",
                "/api/v1/admin/credits/" + user.id() + "/holds",
                "/api/v1/admin/payments", "/api/v1/admin/payments/" + UUID.randomUUID()), outboxes.stream()).toList()) {
            HttpResponse<String> refused = get(path, userToken);
            assertThat(refused.statusCode()).as(path).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).as(path).contains("application/problem+json");
            assertThat(get(path, null).statusCode()).as(path + " without a token").isEqualTo(401);
        }
        for (String path : outboxes) {
            HttpResponse<String> outbox = get(path, admin);
            assertThat(outbox.statusCode()).as(path + ": " + outbox.body()).isEqualTo(200);
            assertThat(path).contains("/" + JsonPath.read(outbox.body(), "$.service") + "/");
            assertThat(((Number) JsonPath.read(outbox.body(), "$.unpublished")).longValue()).as(path).isNotNegative();
            assertThat(((Number) JsonPath.read(outbox.body(), "$.oldestAgeSeconds")).longValue()).as(path).isNotNegative();
        }
        HttpResponse<String> found = get("/api/v1/admin/users?email=" + user.email(), admin);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        assertThat((List<String>) JsonPath.read(found.body(), "$.items[*].userId")).containsExactly(user.id());
        for (String bad : List.of("/api/v1/admin/users", "/api/v1/admin/users?email=a&limit=0",
                "/api/v1/admin/users?email=a&cursor=%21%21", "/api/v1/admin/payments?status=paid",
                "/api/v1/admin/payments?provider=paypal")) {
            HttpResponse<String> refused = get(bad, admin);
            assertThat(refused.statusCode()).as(bad + ": " + refused.body()).isEqualTo(422);
            assertThat((List<String>) JsonPath.read(refused.body(), "$.errors[*].field")).as(bad).isNotEmpty();
        }
    }

    @Test
    void registeringAnAppShowsItsWorkingKeyOnceAndRevokingAsksFirst() throws Exception {
        HtmlPage apps = signInAsAdminAndOpen("/console/apps");
        String name = "Academy " + UUID.randomUUID().toString().substring(0, 8);

        // Bad input first: nothing is registered, each field says what is wrong.
        HtmlPage refused = click(apps, "main form button[type=submit]");
        assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(422);
        assertThat(text(refused, "name-error")).contains("Name is required");
        assertThat(text(refused, "permissions-error")).contains("at least one permission");

        type(refused, "name", name);
        type(refused, "domain", "academy.example.com");
        refused.<HtmlInput>querySelector("input[value=read_credits]").setChecked(true);
        HtmlPage registered = click(refused, "main form button[type=submit]");

        String key = text(registered, "api-key");
        String appId = text(registered, "app-id");
        assertThat(key).isNotBlank();
        assertThat(registered.asNormalizedText()).contains("shown this once");
        assertThat(registered.querySelectorAll("button[data-copy=api-key]")).hasSize(1);
        // The key is real: a partner app signs a user in with it.
        Gateway.User user = api.registerNewUser();
        HttpResponse<String> crossApp = HTTP.send(HttpRequest.newBuilder(gateway.resolve("/api/v1/cross-app/auth"))
                .header("Content-Type", "application/json").header("X-API-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"appId\":\"" + appId + "\",\"email\":\"" + user.email()
                        + "\",\"password\":\"" + Gateway.PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(crossApp.statusCode()).as(crossApp.body()).isEqualTo(200);
        // And it is never shown again.
        HtmlPage list = open("/console/apps");
        assertThat(list.asNormalizedText()).contains(name).doesNotContain(key);

        HtmlPage confirm = open("/console/apps/" + appId + "/revoke");
        assertThat(confirm.asNormalizedText()).contains("Revoke " + name + "?");
        HtmlPage revoked = click(confirm, "main form button[type=submit]");
        assertThat(revoked.asNormalizedText()).contains("revoked");
    }

    @Test
    void grantingCreditsChangesTheBalanceAndABadGrantWritesNothing() throws Exception {
        Gateway.User user = api.registerNewUser();
        awaitWallet(user);
        HtmlPage users = signInAsAdminAndOpen("/console/users");
        type(users, "email", user.email());
        HtmlPage found = click(users, "main form button[type=submit]");
        HtmlPage wallet = found.getAnchorByText(user.email()).click();
        long before = Long.parseLong(text(wallet, "balance"));

        // 2.5 passes the browser's number field; the server wants a whole number.
        HtmlPage refused = submitGrant(wallet, "2.5", "");
        assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(422);
        assertThat(text(refused, "credits-error")).contains("whole number");
        assertThat(text(refused, "reason-error")).contains("Reason is required");
        assertThat(Long.parseLong(text(refused, "balance"))).isEqualTo(before);
        HtmlPage tooMuch = submitGrant(refused, "10000001", "   ");
        assertThat(text(tooMuch, "credits-error")).contains("from 1 to 10000000");
        assertThat(text(tooMuch, "reason-error")).contains("Reason is required");

        HtmlPage granted = submitGrant(tooMuch, "25", "Goodwill for the outage");

        assertThat(granted.asNormalizedText()).contains("Granted 25 credits.", "Goodwill for the outage");
        assertThat(Long.parseLong(text(granted, "balance"))).isEqualTo(before + 25);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aUsersHoldsShowWithAmountStateAndExpiry() throws Exception {
        Gateway.User user = api.registerNewUser();
        String admin = api.token(DevstackSettings.DEFAULT_ADMIN_EMAIL, DevstackSettings.DEFAULT_ADMIN_PASSWORD);
        String grantKey = UUID.randomUUID().toString();
        // The wallet opens when credit-service hears user.registered; the grant is idempotent, so it may be resent.
        org.awaitility.Awaitility.await("the user's wallet").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(api.grant(admin, user.id(), grantKey, 10).statusCode()).isEqualTo(200));
        HttpResponse<String> held = send("POST", gateway, "/api/v1/credits/holds", api.token(user.email(), Gateway.PASSWORD),
                "{\"credits\":4,\"service\":\"translation\",\"reference\":\"job-console\"}",
                "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
        String holdId = JsonPath.read(held.body(), "$.holdId");
        String expiresAt = JsonPath.read(held.body(), "$.expiresAt");

        HtmlPage wallet = signInAsAdminAndOpen("/console/users/" + user.id());

        HtmlElement row = wallet.querySelector("#holds-table tr[data-hold-id='" + holdId + "']");
        assertThat(row).as(wallet.asNormalizedText()).isNotNull();
        assertThat(row.asNormalizedText()).contains(holdId, "4", "pending", "translation");
        // The database keeps microseconds: the page shows the stored expiry, the placing answer had nanoseconds.
        // Readable on the page, the exact instant in the time element's datetime (and title, on hover).
        HtmlElement expiry = wallet.querySelector("#holds-table tr[data-hold-id='" + holdId + "'] td:nth-of-type(6) time");
        assertThat(expiry.getTextContent().trim()).matches("\\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2}:\\d{2} UTC");
        assertThat(expiry.getAttribute("title")).isEqualTo(expiry.getAttribute("datetime"));
        Instant shownExpiry = Instant.parse(expiry.getAttribute("datetime"));
        assertThat(Duration.between(Instant.parse(expiresAt), shownExpiry).abs()).isLessThan(Duration.ofMillis(1));
        HttpResponse<String> listed = get("/api/v1/admin/credits/" + user.id() + "/holds?limit=1", admin);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat((List<String>) JsonPath.read(listed.body(), "$.items[*].holdId")).containsExactly(holdId);
    }

    @Test
    void docuSignTestSendIsCheckedFirstThenShowsTheEnvelopeOrTheApisRefusal() throws Exception {
        URI sandbox = RunningPlatform.devstack().url(Components.SANDBOX);
        String app = send("POST", sandbox, "/_sandbox/docusign/apps", null, null).body();
        String templateId = JsonPath.read(app, "$.templateId");
        String admin = api.token(DevstackSettings.DEFAULT_ADMIN_EMAIL, DevstackSettings.DEFAULT_ADMIN_PASSWORD);
        HttpResponse<String> configured = send("PUT", gateway, "/api/v1/admin/integrations/docusign", admin,
                JSON.writeValueAsString(java.util.Map.of("enabled", true, "credentials", java.util.Map.of(
                        "integrationKey", JsonPath.read(app, "$.integrationKey"), "userId", JsonPath.read(app, "$.userId"),
                        "privateKey", JsonPath.read(app, "$.privateKey")), "settings", java.util.Map.of("templateId", templateId))));
        assertThat(configured.statusCode()).as(configured.body()).isEqualTo(200);
        HtmlPage tab = signInAsAdminAndOpen("/console/integrations?key=docusign");
        String form = "form[action='/console/integrations/docusign/send'] button";

        // The console refuses what the API would, before any call.
        type(tab, "recipientName", "   ");
        type(tab, "recipientEmail", "not-an-email");
        HtmlPage refused = click(tab, form);
        assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(422);
        assertThat(text(refused, "recipientName-error")).contains("Recipient name is required");
        assertThat(text(refused, "recipientEmail-error")).contains("must be an email address");
        assertThat(refused.getElementById("send-result")).isNull();

        // DocuSign's refusal comes back as the API's problem.
        type(refused, "templateId", "no-such-template");
        type(refused, "recipientName", "Ada Lovelace");
        type(refused, "recipientEmail", "ada@example.com");
        HtmlPage problem = click(refused, form);
        assertThat(problem.getWebResponse().getStatusCode()).isEqualTo(502);
        assertThat(text(problem, "send-problem")).contains("TEMPLATE_ID_INVALID");
        assertThat(problem.getElementById("send-result")).isNull();

        type(problem, "templateId", templateId);
        HtmlPage sent = click(problem, form);
        assertThat(sent.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(text(sent, "send-result")).contains("Envelope sent", "status sent");
        String id = sent.querySelector("#send-result .muted code").getTextContent();
        HttpResponse<String> envelope = get("/api/v1/signatures/envelopes/" + id, admin);
        assertThat(envelope.statusCode()).as(envelope.body()).isEqualTo(200);
        assertThat((String) JsonPath.read(envelope.body(), "$.recipient.email")).isEqualTo("ada@example.com");
        assertThat(text(sent, "send-result")).contains((String) JsonPath.read(envelope.body(), "$.envelopeId"));

        // Without its CSRF token the form is refused and nothing is sent.
        for (org.htmlunit.html.DomNode field : sent.querySelectorAll("input[name=_csrf]")) {
            field.remove();
        }
        HtmlPage forged = click(sent, form);
        assertThat(forged.getWebResponse().getStatusCode()).isEqualTo(403);
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefusedAndWritesNothing() throws Exception {
        Gateway.User user = api.registerNewUser();
        awaitWallet(user);
        HtmlPage wallet = signInAsAdminAndOpen("/console/users/" + user.id());
        long before = Long.parseLong(text(wallet, "balance"));
        for (org.htmlunit.html.DomNode field : wallet.querySelectorAll("input[name=_csrf]")) {
            field.remove();
        }

        HtmlPage forged = submitGrant(wallet, "1000", "forged");

        assertThat(forged.getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(forged.asNormalizedText()).contains("did not come from the console");
        assertThat(Long.parseLong(text(open("/console/users/" + user.id()), "balance"))).isEqualTo(before);
    }

    @Test
    void sendgridCredentialsAreSavedShownMaskedAndTheConnectionTested() throws Exception {
        String apiKey = "SG.plinth-devstack.sandbox-api-key";
        HtmlPage tab = signInAsAdminAndOpen("/console/integrations?key=sendgrid");

        // A wrong type is refused by the console, nothing saved.
        tab.<org.htmlunit.html.HtmlSelect>querySelector("#set-sandboxMode").setSelectedAttribute("true", true);
        HtmlPage empty = click(tab, "main form[action='/console/integrations/sendgrid'] button");
        if (!tab.asNormalizedText().contains("stored:")) {
            assertThat(empty.getWebResponse().getStatusCode()).isEqualTo(422);
            assertThat(text(empty, "credentials.apiKey-error")).contains("apiKey is required");
        }

        type(empty, "cred-apiKey", apiKey);
        type(empty, "set-fromEmail", "console@plinth.local");
        empty.<HtmlInput>querySelector("input[name=enabled]").setChecked(true);
        HtmlPage saved = click(empty, "main form[action='/console/integrations/sendgrid'] button");

        assertThat(saved.asNormalizedText()).contains("Saved.", "stored: ****-key", "enabled");
        assertThat(saved.getWebResponse().getContentAsString()).doesNotContain(apiKey);

        HtmlPage tested = click(saved, "main form[action='/console/integrations/sendgrid/test'] button");
        assertThat(text(tested, "test-result")).contains("Connection OK");
    }

    @Test
    void aWebhookEventCanBeFoundViewedAndReplayed() throws Exception {
        String eventId = "evt_console_" + UUID.randomUUID().toString().replace("-", "");
        byte[] body = ("{\"id\":\"" + eventId + "\",\"object\":\"event\",\"type\":\"invoice.paid\","
                + "\"data\":{\"object\":{\"id\":\"in_" + eventId + "\"}}}").getBytes(StandardCharsets.UTF_8);
        long t = Instant.now().getEpochSecond();
        HttpResponse<String> delivered = HTTP.send(HttpRequest.newBuilder(gateway.resolve("/api/v1/webhooks/stripe"))
                .header("Content-Type", "application/json")
                .header("Stripe-Signature", "t=" + t + ",v1=" + hmacHex(WebhookSecrets.SIGNED.get("STRIPE"), (t + ".").getBytes(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(200);

        HtmlPage events = signInAsAdminAndOpen("/console/webhook-events?source=stripe&type=invoice.paid");
        HtmlPage badFilter = open("/console/webhook-events?source=paypal&since=yesterday");
        assertThat(badFilter.getWebResponse().getStatusCode()).isEqualTo(422);
        assertThat(text(badFilter, "source-error")).contains("Source must be one of");
        assertThat(text(badFilter, "since-error")).contains("date and time");

        String id = eventRowLink(events, eventId);
        HtmlPage event = open("/console/webhook-events/" + id);
        assertThat(event.asNormalizedText()).contains(eventId, "invoice.paid");
        assertThat(text(event, "replays")).isEqualTo("0");

        HtmlPage confirm = event.getAnchorByText("Replay…").click();
        assertThat(confirm.asNormalizedText()).contains("Replay this stripe event?");
        HtmlPage replayed = click(confirm, "main form button[type=submit]");

        assertThat(replayed.asNormalizedText()).contains("Replayed");
        assertThat(text(replayed, "replays")).isEqualTo("1");
    }

    @Test
    void aPaymentIsRefundedInPartAfterAConfirmationAndTooLargeARefundIsRefusedFirst() throws Exception {
        Gateway.User buyer = api.registerNewUser();
        String token = api.token(buyer.email(), Gateway.PASSWORD);
        HttpResponse<String> checkout = HTTP.send(HttpRequest.newBuilder(gateway.resolve("/api/v1/payments/checkout"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"priceId\":\"credits-10-usd\",\"mode\":\"payment\","
                        + "\"successUrl\":\"https://app.example.com/ok\",\"cancelUrl\":\"https://app.example.com/cancel\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(checkout.statusCode()).as(checkout.body()).isEqualTo(201);
        String paymentId = JsonPath.read(checkout.body(), "$.paymentId");
        HttpResponse<String> paid = HTTP.send(HttpRequest.newBuilder(URI.create(JsonPath.read(checkout.body(), "$.url")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("card_number=4242+4242+4242+4242&exp=12%2F34&cvc=123")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(paid.statusCode()).isEqualTo(303);
        org.awaitility.Awaitility.await("the payment settled").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> "completed".equals(JsonPath.read(get("/api/v1/payments/" + paymentId, token).body(), "$.status")));

        HtmlPage payments = signInAsAdminAndOpen("/console/payments?status=completed&userId=" + buyer.id());
        HtmlPage form = payments.getAnchorByText("Refund…").click();
        type(form, "amount", "100000");
        HtmlPage tooMuch = click(form, "main form button[type=submit]");
        assertThat(tooMuch.getWebResponse().getStatusCode()).isEqualTo(422);
        assertThat(text(tooMuch, "amount-error")).contains("more than what is left to refund");

        type(tooMuch, "amount", "200");
        type(tooMuch, "reason", "Customer asked");
        HtmlPage confirm = click(tooMuch, "main form button[type=submit]");
        assertThat(confirm.asNormalizedText()).contains("Refund 200 USD?", "cannot be undone");
        assertThat(JsonPath.<String>read(get("/api/v1/payments/" + paymentId, token).body(), "$.status"))
                .as("nothing is refunded before the confirmation").isEqualTo("completed");
        HtmlPage requested = click(confirm, "main form button[type=submit]");

        assertThat(requested.asNormalizedText()).contains("Refund of 200 USD requested");
        org.awaitility.Awaitility.await("the provider confirmed the refund").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> "partially_refunded".equals(JsonPath.read(get("/api/v1/payments/" + paymentId, token).body(), "$.status")));
    }

    private String eventRowLink(HtmlPage events, String providerEventId) throws Exception {
        // Newest first: the event just delivered is on the first page; its detail names the provider's id.
        for (var anchor : events.getAnchors()) {
            String href = anchor.getHrefAttribute();
            if (href.startsWith("/console/webhook-events/")) {
                HtmlPage detail = open(href);
                if (detail.asNormalizedText().contains(providerEventId)) {
                    return href.substring("/console/webhook-events/".length());
                }
            }
        }
        throw new AssertionError("event " + providerEventId + " is not on the first page of stripe invoice.paid events");
    }

    /** credit-service opens a wallet when it hears user.registered: the user's page 404s until then. */
    private void awaitWallet(Gateway.User user) throws Exception {
        String admin = api.token(DevstackSettings.DEFAULT_ADMIN_EMAIL, DevstackSettings.DEFAULT_ADMIN_PASSWORD);
        org.awaitility.Awaitility.await("the user's wallet").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> get("/api/v1/admin/credits/" + user.id(), admin).statusCode() == 200);
    }

    private HtmlPage submitGrant(HtmlPage page, String credits, String reason) throws Exception {
        type(page, "credits", credits);
        type(page, "reason", reason);
        return click(page, "form[action$='/grant'] button[type=submit]");
    }

    private HtmlPage signInAsAdminAndOpen(String path) throws Exception {
        HtmlPage overview = signIn(DevstackSettings.DEFAULT_ADMIN_EMAIL, DevstackSettings.DEFAULT_ADMIN_PASSWORD);
        assertThat(overview.getTitleText()).as(overview.asNormalizedText()).startsWith("Overview");
        return open(path);
    }

    private HtmlPage signIn(String email, String password) throws Exception {
        HtmlPage login = open("/console/login");
        type(login, "email", email);
        type(login, "password", password);
        return click(login, "main form button[type=submit]");
    }

    private <P extends Page> P open(String path) throws Exception {
        return browser.getPage(new URL(gateway.resolve(path).toString()));
    }

    private static void type(HtmlPage page, String id, String value) {
        HtmlElement element = page.getHtmlElementById(id);
        if (element instanceof HtmlInput input) {
            input.setValue(value);
        } else {
            throw new IllegalArgumentException(id + " is not an input");
        }
    }

    private static HtmlPage click(HtmlPage page, String selector) throws Exception {
        HtmlElement button = page.querySelector(selector);
        assertThat(button).as(selector + " on " + page.getUrl()).isNotNull();
        return button.click();
    }

    private static String text(HtmlPage page, String id) {
        return page.getHtmlElementById(id).getTextContent().trim();
    }

    /** A console page requested with only a refresh cookie, as a tab whose access token has expired sends it. */
    private HttpResponse<String> consolePage(String path, String refreshToken) {
        try {
            return HTTP.send(HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofSeconds(30))
                    .header("Cookie", "plinth_console_refresh=" + refreshToken).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(header -> header.startsWith(name + "="))
                .map(header -> header.substring(name.length() + 1, header.indexOf(';')))
                .findFirst().orElseThrow(() -> new AssertionError(name + " not set: " + response.headers().map()));
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(String method, URI base, String path, String token, String json,
            String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String hmacHex(String secret, byte[]... parts) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        for (byte[] part : parts) {
            mac.update(part);
        }
        return HexFormat.of().formatHex(mac.doFinal());
    }
}
