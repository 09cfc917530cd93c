package io.plinth.bench;

import static io.plinth.bench.Env.env;
import static io.plinth.bench.Env.freePort;
import static io.plinth.bench.Env.intEnv;

import io.plinth.embedded.KafkaNode;
import io.plinth.events.EventEnvelope;
import io.plinth.events.user.MailTokenSeal;
import io.plinth.events.user.UserEmailVerificationRequested;
import io.plinth.events.video.VideoExportCompleted;
import io.plinth.test.EventPublisher;
import io.plinth.test.security.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * integration-service's outbound paths with the provider sandbox (see bench/README.md): (1) the Notion sync under a
 * burst of {@code BENCH_NOTION_EVENTS} (500) export events — pages created exactly once each, the 3 requests/s limit
 * as the sandbox saw the requests arrive, time to drain; (2) mails per second through the SendGrid path —
 * {@code BENCH_MAILS} (2000) verification requests (sealed tokens opened, rendered, sent to the sandbox's
 * {@code /v3/mail/send}), from the first event published to the last delivery row marked sent.
 */
public final class IntegrationBench {

    private static final String SENDGRID_KEY = "SG.plinth-devstack.sandbox-api-key";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int notionEvents = intEnv("BENCH_NOTION_EVENTS", 500);
    private final int mails = intEnv("BENCH_MAILS", 2000);
    private final String runId = Long.toString(System.currentTimeMillis(), 36);

    public static void main(String[] args) {
        Env.runAndExit(() -> new IntegrationBench().run());
    }

    private void run() throws Exception {
        KafkaNode kafka = null;
        try (Children children = new Children()) {
            Runtime.getRuntime().addShutdownHook(new Thread(children::close));
            kafka = KafkaNode.onFreePorts(Files.createTempDirectory("bench-kafka")).start();
            int sandboxPort = freePort();
            children.start("provider-sandbox", env("BENCH_SANDBOX_JAR", "provider-sandbox/target/provider-sandbox-0.1.0-SNAPSHOT.jar"),
                    "-Xmx256m", List.of("--server.port=" + sandboxPort), Children.SMALL_MALLOC, sandboxPort, sandboxPort,
                    "/actuator/health", "/tmp/integration-bench-sandbox.log");
            URI sandboxUrl = URI.create("http://127.0.0.1:" + sandboxPort);
            int servicePort = freePort();
            startService(children, servicePort, kafka.bootstrapServers(), sandboxUrl);
            URI serviceUrl = URI.create("http://127.0.0.1:" + servicePort);

            try (EventPublisher events = new EventPublisher(kafka.bootstrapServers(), "plinth/bench")) {
                notion(events, sandboxUrl, serviceUrl);
                mail(events, sandboxUrl);
            }
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    private void notion(EventPublisher events, URI sandbox, URI service) throws Exception {
        String tenant = "bench-" + runId;
        String token = "secret_bench_" + runId;
        String content = id(post(sandbox.resolve("/_sandbox/notion/databases"), null, "{\"title\":\"Video content\"}"));
        String transactions = id(post(sandbox.resolve("/_sandbox/notion/databases"), null, "{\"title\":\"Video transactions\"}"));
        HttpResponse<String> put = send(HttpRequest.newBuilder(service.resolve("/api/v1/admin/integrations/notion"))
                .header("Authorization", "Bearer " + TestTokens.admin("bench-admin").tenant(tenant).sign())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":true,\"credentials\":{\"token\":\"" + token + "\"},"
                        + "\"settings\":{\"contentDatabaseId\":\"" + content + "\",\"transactionsDatabaseId\":\"" + transactions + "\"}}")));
        if (put.statusCode() != 200) {
            throw new IllegalStateException("configuring Notion: " + put.statusCode() + " " + put.body());
        }
        System.out.printf("%nNotion: publishing %d export events (one tenant, one integration token)%n", notionEvents);
        long start = System.nanoTime();
        for (int i = 0; i < notionEvents; i++) {
            String exportId = "exp-" + runId + "-" + i;
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("title", "Bench export " + i);
            metadata.put("durationSeconds", 30 + i % 60);
            metadata.put("sizeBytes", 1_000_000 + i);
            metadata.put("tags", List.of("bench"));
            EventEnvelope event = events.envelope(exportId, tenant, new VideoExportCompleted(exportId, "user-" + i,
                    "content-" + i, "https://cdn.plinth.example/" + exportId + ".mp4", metadata));
            events.publish(event);
            if (i % 5 == 0) {
                events.publish(event); // a redelivery of the same event: must not make a second page
            }
        }
        double published = (System.nanoTime() - start) / 1e9;
        long synced = 0;
        long lastReport = 0;
        while (synced < notionEvents) {
            Thread.sleep(1000);
            synced = count("select count(*) from notion_sync where tenant_id = '" + tenant + "' and status = 'synced'");
            long failed = count("select count(*) from notion_sync where tenant_id = '" + tenant + "' and status = 'failed'");
            if (failed > 0) {
                throw new IllegalStateException(failed + " Notion syncs failed; see /tmp/integration-bench-service.log");
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (elapsed - lastReport >= 30) {
                lastReport = (long) elapsed;
                System.out.printf("  %.0f s: %d synced%n", elapsed, synced);
            }
            if (elapsed > 900) {
                throw new IllegalStateException("Notion sync not drained in 15 min: " + synced + " synced");
            }
        }
        double drained = (System.nanoTime() - start) / 1e9;
        String pages = get(sandbox.resolve("/_sandbox/notion/pages?database_id=" + content));
        Matcher objects = Pattern.compile("export:(exp-[a-z0-9]+-\\d+)").matcher(pages);
        java.util.Set<String> distinct = new java.util.HashSet<>();
        int pageCount = 0;
        while (objects.find()) {
            pageCount++;
            distinct.add(objects.group(1));
        }
        String requests = get(sandbox.resolve("/_sandbox/notion/requests?token=" + token));
        int calls = Integer.parseInt(field(requests, "count"));
        int maxInAnySecond = Integer.parseInt(field(requests, "maxInAnySecond"));
        System.out.println("RESULTS notion");
        System.out.printf("notion events=%d (+%d redelivered) published_in_s=%.1f drained_in_s=%.1f pages=%d distinct_objects=%d"
                        + " api_calls=%d max_requests_in_any_1s_window=%d calls_per_s=%.2f expected_s=%.0f%n",
                notionEvents, (notionEvents + 4) / 5, published, drained, pageCount, distinct.size(), calls, maxInAnySecond,
                calls / drained, notionEvents / 3.0);
    }

    private void mail(EventPublisher events, URI sandbox) throws Exception {
        MailTokenSeal seal = MailTokenSeal.fromBase64(MailTokenSeal.DEVELOPMENT_KEY);
        String tenant = "bench-mail-" + runId;
        Instant expires = Instant.now().plus(Duration.ofHours(24));
        List<EventEnvelope> batch = new ArrayList<>();
        for (int i = 0; i < mails; i++) {
            String userId = UUID.randomUUID().toString();
            batch.add(events.envelope(userId, tenant, new UserEmailVerificationRequested(userId,
                    "bench-" + runId + "-" + i + "@plinth.example",
                    seal.seal("ev_bench_" + i, UserEmailVerificationRequested.TYPE, userId), expires)));
        }
        System.out.printf("%nMail: publishing %d verification requests (platform SendGrid key → the sandbox)%n", mails);
        long start = System.nanoTime();
        for (EventEnvelope e : batch) {
            events.publish(e);
        }
        double published = (System.nanoTime() - start) / 1e9;
        long sent = 0;
        String where = " from mail_deliveries where tenant_id = '" + tenant + "'";
        while (sent < mails) {
            Thread.sleep(250);
            sent = count("select count(*)" + where + " and status = 'sent'");
            if (count("select count(*)" + where + " and status = 'failed'") > 0) {
                throw new IllegalStateException("mail failed; see /tmp/integration-bench-service.log");
            }
            if ((System.nanoTime() - start) / 1e9 > 900) {
                throw new IllegalStateException("mail not drained in 15 min: " + sent + " sent");
            }
        }
        double drained = (System.nanoTime() - start) / 1e9;
        double firstToLast = seconds("select extract(epoch from max(delivered_at) - min(created_at))" + where);
        double sendingOnly = seconds("select extract(epoch from max(delivered_at) - min(delivered_at))" + where);
        long retried = count("select count(*)" + where + " and attempts > 1");
        System.out.println("RESULTS mail");
        System.out.printf("mail sent=%d published_in_s=%.1f drained_in_s=%.1f mails_per_s=%.1f"
                        + " (queued→last sent %.1f s; first→last send %.1f s = %.1f/s) retried=%d%n",
                sent, published, drained, sent / drained, firstToLast, sendingOnly, sent / Math.max(sendingOnly, 0.001), retried);
        String one = get(sandbox.resolve("/_sandbox/sendgrid/mailbox?to=bench-" + runId + "-0@plinth.example"));
        System.out.println("mailbox sample: " + one.substring(0, Math.min(160, one.length())) + "…");
    }

    private void startService(Children children, int port, String kafka, URI sandbox) throws IOException {
        String pg = "//" + env("PGHOST", "localhost") + ":" + env("PGPORT", "25484") + "/" + env("BENCH_DATABASE", "integration");
        Map<String, String> e = new LinkedHashMap<>();
        e.putAll(Env.serviceOnDatabase(port, pg));
        e.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka);
        e.put("PLINTH_SECURITY_JWKS_URI", TestTokens.jwksUri());
        e.put("EUREKA_CLIENT_ENABLED", "false");
        e.put("PLINTH_INTEGRATION_CREDENTIALS_KEYS", "bench:YmVuY2gta2V5LWZvci1pbnRlZ3JhdGlvbi1jcmVkcyE=");
        e.put("PLINTH_MAIL_TOKEN_KEY", MailTokenSeal.DEVELOPMENT_KEY);
        e.put("SENDGRID_API_KEY", SENDGRID_KEY);
        e.put("PLINTH_SANDBOX_URL", sandbox.toString());
        e.putAll(Children.SMALL_MALLOC);
        children.start("integration-service", env("BENCH_SERVICE_JAR",
                        "integration-service/target/integration-service-0.1.0-SNAPSHOT.jar"),
                env("BENCH_SERVICE_JAVA_OPTS", "-Xmx512m"), List.of(), e, port, port, "/actuator/health/readiness",
                "/tmp/integration-bench-service.log");
    }

    private static long count(String sql) throws Exception {
        try (Connection c = connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double seconds(String sql) throws Exception {
        try (Connection c = connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    private static Connection connection() throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://" + env("PGHOST", "localhost") + ":" + env("PGPORT", "25484")
                + "/" + env("BENCH_DATABASE", "integration"), env("PGUSER", "postgres"), env("PGPASSWORD", "postgres"));
    }

    private static String id(HttpResponse<String> response) {
        Matcher m = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(response.body());
        if (!m.find()) {
            throw new IllegalStateException("no id in " + response.statusCode() + " " + response.body());
        }
        return m.group(1);
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json.substring(0, Math.min(200, json.length())));
        }
        return m.group(1);
    }

    private static HttpResponse<String> post(URI uri, String authorization, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b);
    }

    private static String get(URI uri) throws Exception {
        return send(HttpRequest.newBuilder(uri).GET()).body();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
