package io.plinth.console.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * A sign-in passes the operator's address (as the gateway gave it to the console) on to auth-service's login as
 * {@code X-Forwarded-For}, so login throttling can tell operators apart when the gateway trusts the console; an
 * address that is not a single IP literal is not passed on. Against a stand-in gateway that refuses every login.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "eureka.client.enabled=false")
@AutoConfigureWebTestClient
class LoginAddressTest {

    /** The X-Forwarded-For each login arrived with, by the email it was for ("none" when absent). */
    private static final Map<String, String> FORWARDED_FOR = new ConcurrentHashMap<>();
    private static final HttpServer GATEWAY = gateway();

    @DynamicPropertySource
    static void pointAtTheStandIn(DynamicPropertyRegistry registry) {
        registry.add("plinth.console.api-url", () -> "http://127.0.0.1:" + GATEWAY.getAddress().getPort());
    }

    @AfterAll
    static void stopTheStandIn() {
        GATEWAY.stop(0);
    }

    @Autowired
    WebTestClient web;

    @Test
    void theOperatorsAddressGoesOnToTheLoginAndNothingElseDoes() {
        signIn("one@plinth.test", "203.0.113.7");
        signIn("two@plinth.test", "2001:db8::7");
        signIn("three@plinth.test", "203.0.113.7, 198.51.100.1");
        signIn("four@plinth.test", null);

        assertThat(FORWARDED_FOR).containsEntry("one@plinth.test", "203.0.113.7")
                .containsEntry("two@plinth.test", "2001:db8::7")
                .containsEntry("three@plinth.test", "none")
                .containsEntry("four@plinth.test", "none");
    }

    private void signIn(String email, String address) {
        WebTestClient client = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        EntityExchangeResult<String> page = client.get().uri("/console/login").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult();
        String cookie = page.getResponseCookies().getFirst(CsrfCookies.COOKIE).getValue();
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.getResponseBody());
        assertThat(token.find()).as(page.getResponseBody()).isTrue();

        client.post().uri("/console/login").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .cookie(CsrfCookies.COOKIE, cookie)
                .headers(headers -> {
                    if (address != null) {
                        headers.set(BrowserAddress.HEADER, address);
                    }
                })
                .body(BodyInserters.fromFormData("email", email).with("password", "wrong").with("_csrf", token.group(1)))
                .exchange()
                .expectStatus().isUnauthorized();
    }

    private static HttpServer gateway() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/api/v1/auth/login", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Matcher email = Pattern.compile("\"email\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
                String forwarded = exchange.getRequestHeaders().getFirst("X-Forwarded-For");
                FORWARDED_FOR.put(email.find() ? email.group(1) : body, forwarded == null ? "none" : forwarded);
                byte[] problem = "{\"title\":\"Unauthorized\",\"status\":401,\"code\":\"invalid_credentials\"}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
                exchange.sendResponseHeaders(401, problem.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(problem);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
