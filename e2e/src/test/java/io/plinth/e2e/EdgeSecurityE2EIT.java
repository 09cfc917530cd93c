package io.plinth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.plinth.devstack.Components;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The edge as an attacker meets it, through the real gateway of the shared platform: login lockout and
 * rate limits keyed on the address the gateway decides (each test speaks from its own loopback address,
 * 127.0.0.x, so the gateway sees distinct TCP peers), logout without a valid access token, metrics only on
 * the management port, and the API docs open in a browser without a token.
 */
@ExtendWith(RunningPlatform.class)
class EdgeSecurityE2EIT {

    private static final String PASSWORD = "correct horse battery";
    /** Each test gets loopback addresses nobody else in this run uses. */
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(20);

    @Test
    void anAttackerHammeringOneAccountNeitherLocksOutItsOwnerNorAnyoneElse() throws Exception {
        String victim = register();
        String bystander = register();
        String attacker = nextAddress();
        for (int i = 0; i < 30; i++) {
            Response guess = login(attacker, victim, "guess number " + i);
            assertThat(guess.status()).as(guess.body()).isIn(401, 429);
        }
        // The attacker's address is locked out of this account, even with the right password...
        assertThat(login(attacker, victim, PASSWORD).status()).isEqualTo(429);
        // ...but the owner from anywhere else, and everyone else, log in.
        assertThat(login(nextAddress(), victim, PASSWORD).status()).isEqualTo(200);
        assertThat(login(nextAddress(), bystander, PASSWORD).status()).isEqualTo(200);
        assertThat(login(attacker, bystander, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aPasswordSprayFromOneAddressLocksThatAddressOnly() throws Exception {
        String user = register();
        String sprayer = nextAddress();
        for (int i = 0; i < 25; i++) {
            Response guess = login(sprayer, "made-up-" + UUID.randomUUID() + "@example.com", "spraying passphrase");
            assertThat(guess.status()).isIn(401, 429);
        }
        assertThat(login(sprayer, user, PASSWORD).status()).isEqualTo(429);
        assertThat(login(nextAddress(), user, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aCallerCannotPickItsOwnRateLimitBucketWithXForwardedFor() throws Exception {
        String caller = nextAddress();
        // The devstack gateway trusts no proxy: each forged X-Forwarded-For is ignored, the TCP peer is the key.
        // 300 requests in parallel outrun the bucket's refill (200 burst, 50/s); the gateway answers this public
        // path itself, so no service is loaded.
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Response> answers;
        try {
            List<Callable<Response>> calls = IntStream.range(0, 300).<Callable<Response>>mapToObj(i -> () ->
                    send(caller, "GET", "/docs/gateway/v3/api-docs/swagger-config",
                            Map.of("X-Forwarded-For", "198.51.100." + (i % 250 + 1)), null)).toList();
            answers = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(calls)) {
                answers.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(answers).extracting(Response::status).containsOnly(200, 429);
        Response limited = answers.stream().filter(r -> r.status() == 429).findFirst()
                .orElseThrow(() -> new AssertionError("one address's burst never ran out"));
        assertThat(JsonPath.<String>read(limited.body(), "$.code")).isEqualTo("rate_limited");
        assertThat(limited.header("Retry-After")).isNotNull();
        // Another address has its own bucket.
        assertThat(send(nextAddress(), "GET", "/.well-known/jwks.json", Map.of(), null).status()).isEqualTo(200);
    }

    @Test
    void logoutWorksWithoutAValidAccessToken() throws Exception {
        String email = register();
        String address = nextAddress();
        Response tokens = login(address, email, PASSWORD);
        String refreshToken = JsonPath.read(tokens.body(), "$.refreshToken");
        String body = "{\"refreshToken\":\"" + refreshToken + "\"}";

        // An app that still sends its (expired, here: unusable) access token along must be able to log out.
        Response logout = send(address, "POST", "/api/v1/auth/logout",
                Map.of("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.expired", "Content-Type", "application/json"),
                body);
        assertThat(logout.status()).as(logout.body()).isEqualTo(204);
        Response refresh = send(address, "POST", "/api/v1/auth/refresh", Map.of("Content-Type", "application/json"), body);
        assertThat(refresh.status()).isEqualTo(401);
    }

    @Test
    void metricsAreServedOnlyOnTheManagementPortWhichIsNotRouted() throws Exception {
        String address = nextAddress();
        assertThat(send(address, "GET", "/actuator/prometheus", Map.of(), null).status()).isIn(401, 404);
        int management = RunningPlatform.devstack().settings().port(Components.GATEWAY_MANAGEMENT);
        Response scrape = send(address, management, "GET", "/actuator/prometheus", Map.of(), null);
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void theDocsPageAndEveryServicesDocumentOpenWithoutAToken() throws Exception {
        String address = nextAddress();
        Response docs = send(address, "GET", "/docs", Map.of("Accept", "text/html"), null);
        assertThat(docs.status()).isBetween(300, 399);
        String page = URI.create(RunningPlatform.gateway().toString()).resolve(docs.header("Location")).getPath();
        Response html = send(address, "GET", page, Map.of("Accept", "text/html"), null);
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.body()).contains("swagger-ui");
        String base = page.substring(0, page.lastIndexOf('/') + 1);
        for (String asset : List.of("swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js",
                "swagger-initializer.js")) {
            assertThat(send(address, "GET", base + asset, Map.of(), null).status()).as(asset).isEqualTo(200);
        }
        Response config = send(address, "GET", "/docs/gateway/v3/api-docs/swagger-config", Map.of(), null);
        assertThat(config.status()).isEqualTo(200);
        List<String> urls = JsonPath.read(config.body(), "$.urls[*].url");
        assertThat(urls).hasSize(5);
        for (String url : urls) {
            Response document = send(address, "GET", url, Map.of("Accept", "application/json"), null);
            assertThat(document.status()).as(url).isEqualTo(200);
            // The "Authorize" button takes a bearer token, and "Try it out" goes through this gateway.
            assertThat(JsonPath.<String>read(document.body(), "$.components.securitySchemes.bearerAuth.scheme"))
                    .as(url).isEqualTo("bearer");
            assertThat(JsonPath.<String>read(document.body(), "$.servers[0].url")).as(url).isEqualTo("/");
        }
    }

    private static String nextAddress() {
        return "127.0.0." + NEXT_ADDRESS.getAndIncrement();
    }

    private static String register() throws Exception {
        String email = "edge-" + UUID.randomUUID() + "@example.com";
        Response registered = send(nextAddress(), "POST", "/api/v1/auth/register", Map.of("Content-Type", "application/json"),
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        return email;
    }

    private static Response login(String from, String email, String password) throws Exception {
        return send(from, "POST", "/api/v1/auth/login", Map.of("Content-Type", "application/json"),
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    }

    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private static Response send(String from, String method, String path, Map<String, String> headers, String body)
            throws IOException {
        return send(from, RunningPlatform.gateway().getPort(), method, path, headers, body);
    }

    /**
     * One HTTP/1.1 exchange from a chosen local address: the JDK's HttpClient cannot bind one on Java 17, and
     * the gateway must see distinct TCP peers for the test to mean anything.
     */
    private static Response send(String from, int port, String method, String path, Map<String, String> headers,
                                 String body) throws IOException {
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder()
                    .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: localhost:").append(port).append("\r\n")
                    .append("Connection: close\r\n")
                    .append("Content-Length: ").append(payload.length).append("\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    private static Response parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("not an HTTP response: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] rest = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            rest = dechunk(rest);
        }
        return new Response(status, headers, new String(rest, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < body.length) {
            int lineEnd = i;
            while (lineEnd + 1 < body.length && !(body[lineEnd] == '\r' && body[lineEnd + 1] == '\n')) {
                lineEnd++;
            }
            String sizeLine = new String(body, i, lineEnd - i, StandardCharsets.US_ASCII).split(";")[0].trim();
            int size = sizeLine.isEmpty() ? 0 : Integer.parseInt(sizeLine, 16);
            if (size == 0) {
                break;
            }
            out.write(body, lineEnd + 2, size);
            i = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

}
