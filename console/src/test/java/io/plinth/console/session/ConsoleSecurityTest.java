package io.plinth.console.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The console's own guard rails, without a platform behind it: the headers every page carries, the CSRF check
 * before anything else, sign-in required for every page but sign-in itself. (Signing in for real, against the
 * platform, is ConsoleE2EIT in the e2e module.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eureka.client.enabled=false", "plinth.console.api-url=http://127.0.0.1:9"})
@AutoConfigureWebTestClient
class ConsoleSecurityTest {

    @Autowired
    WebTestClient web;

    @org.junit.jupiter.api.BeforeEach
    void patientOnABusyMachine() {
        web = web.mutate().responseTimeout(java.time.Duration.ofSeconds(30)).build();
    }

    @Test
    void theSignInPageCarriesAStrictPolicyAndACsrfTokenInAFlaggedCookie() {
        EntityExchangeResult<String> page = web.get().uri("/console/login").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult();

        HttpHeaders headers = page.getResponseHeaders();
        assertThat(headers.getFirst("Content-Security-Policy"))
                .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("DENY");
        ResponseCookie csrf = page.getResponseCookies().getFirst(CsrfCookies.COOKIE);
        assertThat(csrf).isNotNull();
        assertThat(csrf.isHttpOnly()).isTrue();
        assertThat(csrf.getSameSite()).isEqualTo("Strict");
        assertThat(csrf.getPath()).isEqualTo("/console");
        assertThat(csrf.isSecure()).as("plain http: a Secure cookie would never come back").isFalse();
        assertThat(page.getResponseBody()).contains("name=\"_csrf\"", "<label for=\"email\">", "<label for=\"password\">");
    }

    @Test
    void overHttpsTheCookiesAreSecure() {
        EntityExchangeResult<String> page = web.get().uri("/console/login").header("X-Forwarded-Proto", "https")
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult();

        assertThat(page.getResponseCookies().getFirst(CsrfCookies.COOKIE).isSecure()).isTrue();
    }

    @Test
    void configuredForHttpsOnlyEveryCookieIsSecureWhateverTheRequestSays() {
        var exchange = org.springframework.mock.web.server.MockServerWebExchange.from(
                org.springframework.mock.http.server.reactive.MockServerHttpRequest.get("http://console/console/login"));
        assertThat(SessionCookies.isHttps(exchange)).isFalse();
        exchange.getAttributes().put(SecureCookiesFilter.ALWAYS, Boolean.TRUE);
        assertThat(SessionCookies.isHttps(exchange)).isTrue();
    }

    @Test
    void aFormPostedWithoutTheCsrfTokenIsRefusedBeforeAnythingHappens() {
        web.post().uri("/console/login").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("email", "admin@plinth.local").with("password", "plinth-admin"))
                .exchange()
                .expectStatus().isForbidden()
                .expectBody(String.class).value(body -> assertThat(body).contains("did not come from the console"));
    }

    @Test
    void everyPageButSignInSendsAStrangerToSignIn() {
        for (String page : new String[] {"/console", "/console/apps", "/console/users", "/console/integrations",
                "/console/webhook-events", "/console/payments"}) {
            web.get().uri(page).exchange()
                    .expectStatus().isSeeOther()
                    .expectHeader().location("/console/login");
        }
    }

    @Test
    void aTokenThatIsNotAnAdminsGetsTheNotAnAdministratorPage() {
        String token = "e30." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"sub\":\"u-1\",\"roles\":[\"USER\"],\"exp\":" + (System.currentTimeMillis() / 1000 + 600) + "}").getBytes())
                + ".sig";
        web.get().uri("/console/apps").cookie(SessionCookies.ACCESS, token).exchange()
                .expectStatus().isSeeOther()
                .expectHeader().location("/console/not-admin");
        web.get().uri("/console/not-admin").exchange()
                .expectStatus().isForbidden()
                .expectBody(String.class).value(body -> assertThat(body).contains("Not an administrator"));
    }

    @Test
    void staticAssetsNeedNoSessionAndActuatorIsNotUnderConsole() {
        web.get().uri("/console/static/js/console.js").exchange().expectStatus().isOk();
        web.get().uri("/console/static/css/console.css").exchange().expectStatus().isOk();
    }
}
