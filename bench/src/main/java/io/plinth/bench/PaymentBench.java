package io.plinth.bench;

import static io.plinth.bench.Env.env;
import static io.plinth.bench.Env.freePort;
import static io.plinth.bench.Env.intEnv;

import com.jayway.jsonpath.JsonPath;
import io.plinth.embedded.KafkaNode;
import io.plinth.events.user.MailTokenSeal;
import io.plinth.test.security.TestTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.minidev.json.JSONArray;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Card payment to spendable credits, end to end: from the sandbox's signed {@code checkout.session.completed} leaving
 * the sandbox to the credits being visible in {@code GET /api/v1/credits/balance}, at a steady rate.
 *
 * <p>The path measured is the production one: provider-sandbox (Stripe) → gateway → integration-service (verifies,
 * logs, outbox → {@code webhook.received}) → payment-service (settles, outbox → {@code payment.succeeded}) →
 * credit-service (grants in the ledger) → balance. All are the built jars as child processes, against one throw-away
 * PostgreSQL (the script) and a KRaft broker in this JVM; tokens are signed by this JVM's JWKS.
 *
 * <p>Before the clock starts, every Checkout Session of the run is created through payment-service (one user per
 * {@code BENCH_USERS}, buying {@code credits-50-usd} again and again), so the measured window holds only the
 * payments. Then, open loop, one hosted Checkout page is paid every 1/BENCH_RATE s with the 4242 card: an unmeasured
 * warm-up (the JIT), then the measured minute. Credits are spotted by one SQL query over every waiting wallet every
 * BENCH_POLL_MS (cheap, so polling does not load credit-service), and each is then confirmed through the API:
 * "visible" is when that {@code GET /api/v1/credits/balance} answered with them. When each event left the sandbox is
 * read afterwards from the sandbox's own delivery log (first attempt of the event's first delivery).
 */
public final class PaymentBench {

    private static final String PRICE = "credits-50-usd";
    private static final long CREDITS = 50;

    private final int rate = intEnv("BENCH_RATE", 50);
    private final Duration warmup = Duration.ofSeconds(intEnv("BENCH_WARMUP_SECONDS", 120));
    private final Duration duration = Duration.ofSeconds(intEnv("BENCH_DURATION_SECONDS", 60));
    private final int users = intEnv("BENCH_USERS", 600);
    private final Duration poll = Duration.ofMillis(intEnv("BENCH_POLL_MS", 20));
    private final int prepareConcurrency = intEnv("BENCH_PREPARE_CONCURRENCY", 8);
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final String stripeSecret = "whsec_bench_" + runId;

    /** One payment of the run, in pay order. */
    private static final class Payment {
        final int index;
        final String user;
        final long expectedBalance;
        String paymentId;
        String url;
        volatile long payNanos;
        volatile long payEpochMicros;
        volatile int payStatus;
        volatile long dbVisibleEpochMicros;
        volatile long apiVisibleEpochMicros;

        Payment(int index, String user, long expectedBalance) {
            this.index = index;
            this.user = user;
            this.expectedBalance = expectedBalance;
        }
    }

    private final Map<String, Long> pids = new LinkedHashMap<>();

    public static void main(String[] args) {
        Env.runAndExit(() -> new PaymentBench().run());
    }

    private void run() throws Exception {
        Children children = new Children();
        Runtime.getRuntime().addShutdownHook(new Thread(children::close));
        KafkaNode kafka = null;
        try {
            int eurekaPort = freePort();
            String eurekaZone = "http://127.0.0.1:" + eurekaPort + "/eureka/";
            children.startDiscovery(eurekaPort, "/tmp/payment-bench-discovery.log");
            kafka = KafkaNode.onFreePorts(Files.createTempDirectory("bench-kafka")).start();
            int gatewayPort = freePort();
            int sandboxPort = freePort();
            int paymentPort = freePort();
            int creditPort = freePort();
            String sandboxUrl = "http://127.0.0.1:" + sandboxPort;

            track(startSandbox(children, sandboxPort, gatewayPort));
            track(startService(children, "integration-service", freePort(), kafka.bootstrapServers(), eurekaZone,
                    Map.of("PLINTH_WEBHOOKS_STRIPE_SECRET", stripeSecret,
                            // Its provider-credential store will not start without a key; a fresh one per run.
                            "PLINTH_INTEGRATION_CREDENTIALS_KEYS", "bench:" + randomKey(),
                            "PLINTH_MAIL_TOKEN_KEY", MailTokenSeal.DEVELOPMENT_KEY)));
            track(startService(children, "payment-service", paymentPort, kafka.bootstrapServers(), null, Map.of(
                    "STRIPE_API_BASE", sandboxUrl, "STRIPE_SECRET_KEY", "sk_test_bench_" + runId,
                    "MPESA_API_BASE", sandboxUrl, "PIPIT_API_BASE", sandboxUrl)));
            track(startService(children, "credit-service", creditPort, kafka.bootstrapServers(), null, Map.of()));
            Children.Child gatewayChild = track(children.startGateway(gatewayPort, eurekaZone, List.of(),
                    "/tmp/payment-bench-gateway.log"));

            ConnectionProvider pool = ConnectionProvider.builder("bench").maxConnections(256)
                    .pendingAcquireMaxCount(-1).build();
            HttpClient sandbox = HttpClient.create(pool).baseUrl(sandboxUrl).responseTimeout(Duration.ofSeconds(30));
            HttpClient payments = HttpClient.create(pool).baseUrl("http://127.0.0.1:" + paymentPort)
                    .responseTimeout(Duration.ofSeconds(30));
            HttpClient credits = HttpClient.create(pool).baseUrl("http://127.0.0.1:" + creditPort)
                    .responseTimeout(Duration.ofSeconds(30));
            HttpClient gateway = HttpClient.create(pool).baseUrl("http://127.0.0.1:" + gatewayPort)
                    .responseTimeout(Duration.ofSeconds(30));
            // Routed once an unsigned webhook reaches the ingress and is refused there (401), not by the gateway (503).
            awaitStatus("the gateway routing the ingress", () -> unsignedWebhook(gateway), 401, gatewayChild);

            String[] tokens = new String[users];
            for (int u = 0; u < users; u++) {
                tokens[u] = TestTokens.user("bench-" + runId + "-" + u).ttl(Duration.ofHours(3)).sign();
            }
            int total = (int) ((warmup.toSeconds() + duration.toSeconds()) * rate);
            List<Payment> run = new ArrayList<>(total);
            for (int i = 0; i < total; i++) {
                run.add(new Payment(i, "bench-" + runId + "-" + (i % users), CREDITS * (i / users + 1)));
            }
            prepare(run, tokens, payments);

            long[] cpuStart = new long[pids.size() + 2];
            Instant[] window = new Instant[2];
            AtomicInteger paid = new AtomicInteger();
            pay(run, sandbox, credits, tokens, cpuStart, window, paid);
            long[] cpuEnd = cpu();

            Map<String, Long> leftAt = sandboxSendTimes(sandbox);
            report(run, leftAt, window[0], window[1], cpuStart, cpuEnd, total);
            pool.dispose();
        } finally {
            children.close();
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    private Children.Child track(Children.Child child) {
        pids.put(child.name(), child.pid());
        return child;
    }

    /** CPU ms so far per tracked process, then PostgreSQL, then this JVM (load generator + broker). */
    private long[] cpu() {
        long[] now = new long[pids.size() + 2];
        int i = 0;
        for (long pid : pids.values()) {
            now[i++] = Cpu.millis(pid);
        }
        now[i++] = Cpu.postgresMillis();
        now[i] = Cpu.millis(ProcessHandle.current().pid());
        return now;
    }

    /** Every Checkout Session of the run, through payment-service, before the clock starts. */
    private void prepare(List<Payment> run, String[] tokens, HttpClient payments) {
        long started = System.nanoTime();
        AtomicInteger failed = new AtomicInteger();
        System.out.printf("creating %d Checkout Sessions for %d users (not measured)%n", run.size(), users);
        Flux.fromIterable(run).flatMap(p -> {
            String body = "{\"priceId\":\"" + PRICE + "\",\"mode\":\"payment\",\"successUrl\":\"https://bench.example/ok\","
                    + "\"cancelUrl\":\"https://bench.example/cancel\"}";
            return payments.headers(h -> h.set("Content-Type", "application/json")
                            .set("Authorization", "Bearer " + tokens[p.index % users])
                            .set("Idempotency-Key", runId + "-" + p.index))
                    .post().uri("/api/v1/payments/checkout")
                    .send(ByteBufFlux.fromString(Mono.just(body)))
                    .responseSingle((response, content) -> content.asString().defaultIfEmpty("").map(text -> {
                        if (response.status().code() == 201) {
                            p.paymentId = JsonPath.read(text, "$.paymentId");
                            p.url = JsonPath.read(text, "$.url");
                        } else if (failed.incrementAndGet() <= 5) {
                            System.out.println("checkout answered " + response.status().code() + ": " + text);
                        }
                        return p;
                    }));
        }, prepareConcurrency).blockLast();
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " checkouts failed");
        }
        System.out.printf("created in %.0f s%n", (System.nanoTime() - started) / 1e9);
    }

    /**
     * Pays one page every 1/rate s (open loop: a slow answer does not delay the next payment), while a poller spots
     * the credits in the database and confirms each through the API. Returns when every payment is visible or 60 s
     * after the last one was paid.
     */
    private void pay(List<Payment> run, HttpClient sandbox, HttpClient credits, String[] tokens, long[] cpuStart,
            Instant[] window, AtomicInteger paid) throws Exception {
        int warmupPayments = (int) (warmup.toSeconds() * rate);
        long intervalNanos = 1_000_000_000L / rate;
        ConcurrentLinkedQueue<Payment> waiting = new ConcurrentLinkedQueue<>();
        Map<String, String> tokenByUser = new HashMap<>();
        for (int u = 0; u < users; u++) {
            tokenByUser.put("bench-" + runId + "-" + u, tokens[u]);
        }
        AtomicLong lateSends = new AtomicLong();
        AtomicLong apiRetries = new AtomicLong();
        Thread poller = new Thread(() -> pollCredits(waiting, credits, tokenByUser, apiRetries), "credits-poller");
        poller.start();
        System.out.printf("paying %d/s: %d s warm-up (%d payments, not measured), then %d s measured%n", rate,
                warmup.toSeconds(), warmupPayments, duration.toSeconds());
        long start = System.nanoTime();
        for (Payment p : run) {
            long due = start + p.index * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            } else if (wait < -intervalNanos) {
                lateSends.incrementAndGet();
            }
            if (p.index == warmupPayments) {
                System.arraycopy(cpu(), 0, cpuStart, 0, cpuStart.length);
                window[0] = Instant.now();
                System.out.println("measuring from " + window[0]);
            }
            p.payNanos = System.nanoTime();
            p.payEpochMicros = epochMicros();
            waiting.add(p);
            sandbox.headers(h -> h.set("Content-Type", "application/x-www-form-urlencoded"))
                    .post().uri(p.url)
                    .send(ByteBufFlux.fromString(Mono.just("card_number=4242+4242+4242+4242&exp=12%2F34&cvc=123")))
                    .responseSingle((response, content) -> content.asString().defaultIfEmpty("")
                            .map(text -> response.status().code()))
                    .onErrorReturn(-1)
                    .subscribe(status -> {
                        p.payStatus = status;
                        paid.incrementAndGet();
                    });
        }
        window[1] = Instant.now();
        System.out.println("last payment at " + window[1] + "; sends more than one interval late: " + lateSends.get());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        poller.interrupt();
        poller.join(10_000);
        System.out.println("still waiting at the end: " + waiting.size() + "; API answers that did not show the credits"
                + " the database already had (retried): " + apiRetries.get());
    }

    /** Every BENCH_POLL_MS: one query over the waiting wallets; a wallet that has the credits is then asked through the API. */
    private void pollCredits(ConcurrentLinkedQueue<Payment> waiting, HttpClient credits, Map<String, String> tokens,
            AtomicLong apiRetries) {
        String url = "jdbc:postgresql://" + env("PGHOST", "localhost") + ":" + env("PGPORT", "25434") + "/credit";
        try (Connection c = DriverManager.getConnection(url, env("PGUSER", "postgres"), env("PGPASSWORD", "postgres"));
             PreparedStatement st = c.prepareStatement("SELECT user_id, balance FROM account WHERE kind = 'WALLET' "
                     + "AND tenant_id = '" + TestTokens.DEFAULT_TENANT + "' AND user_id = ANY (?)")) {
            Map<String, Payment> confirming = new ConcurrentHashMap<>();
            while (!Thread.currentThread().isInterrupted()) {
                long next = System.nanoTime() + poll.toNanos();
                Map<String, List<Payment>> byUser = new HashMap<>();
                for (Payment p : waiting) {
                    if (!confirming.containsKey(p.paymentId)) {
                        byUser.computeIfAbsent(p.user, u -> new ArrayList<>()).add(p);
                    }
                }
                if (!byUser.isEmpty()) {
                    Array ids = c.createArrayOf("text", byUser.keySet().toArray());
                    st.setArray(1, ids);
                    try (ResultSet rs = st.executeQuery()) {
                        long seen = epochMicros();
                        while (rs.next()) {
                            long balance = rs.getLong(2);
                            for (Payment p : byUser.getOrDefault(rs.getString(1), List.of())) {
                                if (balance >= p.expectedBalance) {
                                    p.dbVisibleEpochMicros = seen;
                                    confirming.put(p.paymentId, p);
                                    confirm(p, credits, tokens.get(p.user), waiting, confirming, apiRetries);
                                }
                            }
                        }
                    }
                }
                long pause = next - System.nanoTime();
                if (pause > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(pause);
                }
            }
        } catch (SQLException e) {
            if (!Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The API must show what the database has: asked until it does (a count of retries is reported). */
    private void confirm(Payment p, HttpClient credits, String token, ConcurrentLinkedQueue<Payment> waiting,
            Map<String, Payment> confirming, AtomicLong apiRetries) {
        Mono.defer(() -> credits.headers(h -> h.set("Authorization", "Bearer " + token)).get()
                        .uri("/api/v1/credits/balance")
                        .responseSingle((response, content) -> content.asString().defaultIfEmpty("")
                                .map(text -> response.status().code() == 200
                                        ? ((Number) JsonPath.read(text, "$.balance")).longValue() : -1L)))
                .flatMap(balance -> {
                    if (balance >= p.expectedBalance) {
                        return Mono.just(epochMicros());
                    }
                    apiRetries.incrementAndGet();
                    return Mono.error(new IllegalStateException("not yet"));
                })
                .retryWhen(reactor.util.retry.Retry.fixedDelay(100, Duration.ofMillis(10)))
                .subscribe(at -> {
                    p.apiVisibleEpochMicros = at;
                    waiting.remove(p);
                    confirming.remove(p.paymentId);
                }, e -> confirming.remove(p.paymentId));
    }

    /**
     * When each {@code checkout.session.completed} left the sandbox, by payment id: the sandbox's delivery log (its
     * events, newest first, paged with {@code starting_after}).
     */
    private Map<String, Long> sandboxSendTimes(HttpClient sandbox) {
        Map<String, Long> leftAt = new HashMap<>();
        String after = null;
        int pages = 0;
        while (true) {
            String path = "/_sandbox/stripe/events?limit=100" + (after == null ? "" : "&starting_after=" + after);
            String page = sandbox.get().uri(path).responseSingle((r, c) -> c.asString()).block(Duration.ofSeconds(60));
            JSONArray data = JsonPath.read(page, "$.data");
            if (data.isEmpty()) {
                break;
            }
            pages++;
            for (Object o : data) {
                @SuppressWarnings("unchecked")
                Map<String, Object> event = (Map<String, Object>) o;
                after = (String) event.get("id");
                if (!"checkout.session.completed".equals(event.get("type"))) {
                    continue;
                }
                String paymentId = JsonPath.read((String) event.get("body"), "$.data.object.client_reference_id");
                List<Map<String, Object>> attempts = JsonPath.read(event, "$.attempts");
                if (!attempts.isEmpty()) {
                    leftAt.put(paymentId, micros(attempts.get(0).get("at")));
                }
            }
        }
        System.out.println("read " + leftAt.size() + " checkout.session.completed deliveries in " + pages + " pages");
        return leftAt;
    }

    private static long micros(Object at) {
        if (at instanceof Number n) {
            double seconds = n.doubleValue();
            return (long) (seconds * 1_000_000);
        }
        Instant i = Instant.parse(at.toString());
        return i.getEpochSecond() * 1_000_000 + i.getNano() / 1_000;
    }

    private static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    private void report(List<Payment> run, Map<String, Long> leftAt, Instant from, Instant to, long[] cpuStart,
            long[] cpuEnd, int total) {
        int warmupPayments = (int) (warmup.toSeconds() * rate);
        List<Payment> measured = run.subList(warmupPayments, total);
        List<Long> api = new ArrayList<>();
        List<Long> db = new ArrayList<>();
        List<Long> inSandbox = new ArrayList<>();
        int missingSend = 0;
        int neverVisible = 0;
        Map<Integer, Integer> payStatuses = new java.util.TreeMap<>();
        for (Payment p : measured) {
            payStatuses.merge(p.payStatus, 1, Integer::sum);
            Long sent = leftAt.get(p.paymentId);
            if (sent == null) {
                missingSend++;
                continue;
            }
            inSandbox.add((sent - p.payEpochMicros) * 1000);
            if (p.apiVisibleEpochMicros == 0) {
                neverVisible++;
                continue;
            }
            api.add((p.apiVisibleEpochMicros - sent) * 1000);
            db.add((p.dbVisibleEpochMicros - sent) * 1000);
        }
        double seconds = Duration.between(from, to).toNanos() / 1e9;
        System.out.println();
        System.out.printf("RESULTS rate=%d/s measured=%d payments over %.1f s (%.1f/s) warmup=%ds users=%d poll=%dms "
                        + "outbox_poll=%s%n", rate, measured.size(), seconds, measured.size() / seconds, warmup.toSeconds(),
                users, poll.toMillis(), env("BENCH_OUTBOX_POLL", "250ms (default)"));
        System.out.println("pay page answers: " + payStatuses + "; no checkout.session.completed found: " + missingSend
                + "; credits never visible: " + neverVisible);
        System.out.println(line("left-sandbox->visible-in-GET-balance", api));
        System.out.println(line("left-sandbox->committed-in-ledger", db));
        System.out.println(line("pay-page-posted->left-sandbox", inSandbox));
        System.out.println("CPU per payment (ms), measured window:");
        int i = 0;
        for (String name : pids.keySet()) {
            System.out.printf("  cpu_ms_per_payment %-20s %.2f%n", name, (cpuEnd[i] - cpuStart[i]) / (double) measured.size());
            i++;
        }
        System.out.printf("  cpu_ms_per_payment %-20s %.2f%n", "postgresql", (cpuEnd[i] - cpuStart[i]) / (double) measured.size());
        i++;
        System.out.printf("  cpu_ms_per_payment %-20s %.2f%n", "harness+kafka", (cpuEnd[i] - cpuStart[i]) / (double) measured.size());
        long all = 0;
        for (int k = 0; k < cpuEnd.length; k++) {
            all += cpuEnd[k] - cpuStart[k];
        }
        System.out.printf("  cpu_ms_per_payment %-20s %.2f (%.2f cores busy on average)%n", "all", all / (double) measured.size(),
                all / 1000.0 / seconds);
    }

    private static String line(String name, List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format("%-40s n=%d p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f min_ms=%.1f", name, sorted.length,
                Cpu.percentile(sorted, 50), Cpu.percentile(sorted, 90), Cpu.percentile(sorted, 99),
                Cpu.percentile(sorted, 100), sorted.length == 0 ? 0 : sorted[0] / 1e6);
    }

    private Children.Child startSandbox(Children children, int port, int gatewayPort) throws IOException {
        Map<String, String> e = new LinkedHashMap<>(Children.SMALL_MALLOC);
        e.put("SERVER_PORT", Integer.toString(port));
        e.put("PLINTH_SANDBOX_WEBHOOKBASEURL", "http://127.0.0.1:" + gatewayPort);
        e.put("PLINTH_SANDBOX_WEBHOOKS_STRIPE_SECRETS", stripeSecret);
        // Every event of the run stays readable for the report.
        e.put("PLINTH_SANDBOX_DELIVERY_KEEPEVENTS", "200000");
        return children.start("provider-sandbox", env("BENCH_SANDBOX_JAR",
                        "provider-sandbox/target/provider-sandbox-0.1.0-SNAPSHOT.jar"),
                env("BENCH_SANDBOX_JAVA_OPTS", "-Xmx1g"), List.of(), e, port, port, "/actuator/health",
                "/tmp/payment-bench-provider-sandbox.log");
    }

    private Children.Child startService(Children children, String name, int port, String kafka, String eurekaZone,
            Map<String, String> extra) throws IOException {
        String database = name.replace("-service", "");
        String pg = "//" + env("PGHOST", "localhost") + ":" + env("PGPORT", "25434") + "/" + database;
        Map<String, String> e = new LinkedHashMap<>(Children.SMALL_MALLOC);
        e.putAll(Env.serviceOnDatabase(port, pg));
        e.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka);
        e.put("PLINTH_SECURITY_JWKS_URI", TestTokens.jwksUri());
        List<String> args = new ArrayList<>();
        if (eurekaZone != null) {
            e.put("EUREKA_INSTANCE_PREFER_IP_ADDRESS", "true");
            e.put("EUREKA_INSTANCE_IP_ADDRESS", "127.0.0.1");
            e.put("EUREKA_CLIENT_REGISTRYFETCHINTERVALSECONDS", "5");
            args.add("--eureka.client.service-url.defaultZone=" + eurekaZone);
        } else {
            // Off the gateway's routes in this run: the harness calls it directly.
            e.put("EUREKA_CLIENT_ENABLED", "false");
            e.put("SPRING_CLOUD_DISCOVERY_ENABLED", "false");
        }
        String outboxPoll = env("BENCH_OUTBOX_POLL", "");
        if (!outboxPoll.isBlank()) {
            // How long each outbox relay on the path pauses when it found nothing to publish (default 250ms).
            e.put("PLINTH_OUTBOX_POLLINTERVAL", outboxPoll);
        }
        e.putAll(extra);
        String upper = name.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        return children.start(name, env("BENCH_" + upper + "_JAR", name + "/target/" + name + "-0.1.0-SNAPSHOT.jar"),
                env("BENCH_" + upper + "_JAVA_OPTS", "-Xmx768m"), args, e, port, port, "/actuator/health/readiness",
                "/tmp/payment-bench-" + name + ".log");
    }

    private static Mono<Integer> unsignedWebhook(HttpClient gateway) {
        return gateway.headers(h -> h.set("Content-Type", "application/json"))
                .post().uri("/api/v1/webhooks/stripe")
                .send(ByteBufFlux.fromString(Mono.just("{\"id\":\"evt_probe\",\"type\":\"probe\"}")))
                .responseSingle((response, content) -> content.asString().defaultIfEmpty("")
                        .map(text -> response.status().code()))
                .onErrorReturn(-1);
    }

    private static void awaitStatus(String what, java.util.function.Supplier<Mono<Integer>> probe, int expected,
            Children.Child process) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + Duration.ofMinutes(5).toNanos();
        Integer status = -1;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + ": " + process.name() + " is no longer running");
            }
            status = probe.get().block(Duration.ofSeconds(30));
            if (status != null && status == expected) {
                System.out.printf("%s after %.0f s%n", what, (System.nanoTime() - started) / 1e9);
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException(what + ": not within 5 min; last status " + status);
    }
}
