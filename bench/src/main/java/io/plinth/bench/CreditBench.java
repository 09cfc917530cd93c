package io.plinth.bench;

import static io.plinth.bench.Children.env;
import static io.plinth.bench.Children.freePort;
import static io.plinth.bench.Children.intEnv;

import reactor.core.scheduler.Schedulers;
import io.netty.buffer.Unpooled;
import io.plinth.embedded.KafkaNode;
import io.plinth.test.security.TestTokens;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Consumes per second against credit-service: one hot wallet, 10 000 spread wallets, and one hot
 * wallet among the spread ones. Starts a real KRaft broker and a JWKS in this JVM and the service
 * jar as a child process against the PostgreSQL named by the environment (the one pgbench measured),
 * or measures an already running endpoint (BENCH_TARGET_URL).
 *
 * <p>Unless BENCH_SKIP_GATEWAY=1, the same three scenarios then run again through the real gateway:
 * the discovery (Eureka) and gateway jars start as child processes on loopback ports, the service
 * registers with that Eureka, the gateway validates tokens against this JVM's JWKS (as the service
 * does), and its rate limit is off (this is a load test of one user from one address: the default
 * 20/s per user and 50/s per address would measure the limiter, not the gateway). The gateway runs
 * are measured after the direct ones, with the same warm-up, against the same service instance.
 *
 * <p>Closed loop: BENCH_CLIENTS concurrent clients, each sends its next request when the previous
 * answered; BENCH_WARMUP then BENCH_DURATION per scenario. Every answer is counted by status: a
 * deadlock or serialization failure would surface as a 5xx here.
 */
public final class CreditBench {

    private static final String CONSUME = "/api/v1/credits/consume";

    private final int clients = intEnv("BENCH_CLIENTS", 32);
    private final Duration warmup = Duration.ofSeconds(intEnv("BENCH_WARMUP_SECONDS", 5));
    private final Duration duration = Duration.ofSeconds(intEnv("BENCH_DURATION_SECONDS", 20));
    /** Unmeasured mixed load before the first scenario of each target, so no scenario pays the JIT's warm-up. */
    private final Duration jitWarmup = Duration.ofSeconds(intEnv("BENCH_JIT_WARMUP_SECONDS", 300));
    private final int wallets = intEnv("BENCH_WALLETS", 10_000);
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final boolean viaGateway = !"1".equals(System.getenv("BENCH_SKIP_GATEWAY"));
    private long servicePid = -1;
    private long gatewayPid = -1;
    /** Straight to credit-service, for its /actuator/prometheus (batch sizes). */
    private HttpClient serviceHttp;

    public static void main(String[] args) {
        int status = 0;
        try {
            new CreditBench().run();
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        }
        // The broker and the JWKS server run on non-daemon threads.
        System.exit(status);
    }

    private void run() throws Exception {
        String target = System.getenv("BENCH_TARGET_URL");
        List<Process> children = new ArrayList<>();
        // Stop the children on any exit, also on SIGTERM from the script's time limit.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Children.stopAll(children)));
        KafkaNode kafka = null;
        Process service = null;
        String gateway = null;
        try {
            boolean startGateway = viaGateway && (target == null || target.isBlank());
            String eurekaZone = null;
            if (startGateway) {
                int eurekaPort = portEnv("BENCH_EUREKA_PORT");
                eurekaZone = "http://127.0.0.1:" + eurekaPort + "/eureka/";
                children.add(startDiscovery(eurekaPort));
            }
            if (target == null || target.isBlank()) {
                kafka = KafkaNode.onFreePorts(Files.createTempDirectory("bench-kafka")).start();
                int port = freePort();
                service = startService(port, kafka.bootstrapServers(), eurekaZone);
                children.add(service);
                servicePid = service.pid();
                target = "http://localhost:" + port;
            }
            Process gatewayProcess = null;
            if (startGateway) {
                int gatewayPort = portEnv("BENCH_GATEWAY_PORT");
                gatewayProcess = startGateway(gatewayPort, eurekaZone);
                children.add(gatewayProcess);
                gatewayPid = gatewayProcess.pid();
                gateway = "http://127.0.0.1:" + gatewayPort;
            }
            ConnectionProvider pool = ConnectionProvider.builder("bench").maxConnections(clients * 2)
                    .pendingAcquireMaxCount(-1).build();
            HttpClient http = HttpClient.create(pool).baseUrl(target).responseTimeout(Duration.ofSeconds(30));
            awaitReady(http, service);
            serviceHttp = http;

            String admin = TestTokens.admin("bench-admin").ttl(Duration.ofHours(3)).sign();
            String hotUser = "bench-hot-" + runId;
            String hotToken = TestTokens.user(hotUser).ttl(Duration.ofHours(3)).sign();
            grant(http, admin, hotUser, 10_000_000L).block();

            System.out.printf("seeding %d wallets...%n", wallets);
            String[] users = new String[wallets];
            String[] tokens = new String[wallets];
            for (int i = 0; i < wallets; i++) {
                users[i] = "bench-" + runId + "-" + i;
                tokens[i] = TestTokens.user(users[i]).ttl(Duration.ofHours(3)).sign();
            }
            seedWallets(1_000_000L);

            HttpClient viaGatewayHttp = null;
            if (gateway != null) {
                viaGatewayHttp = HttpClient.create(pool).baseUrl(gateway).responseTimeout(Duration.ofSeconds(30));
                awaitRoute(viaGatewayHttp, hotToken, gatewayProcess);
            }

            Map<String, Result> results = new LinkedHashMap<>();
            runScenarios(results, "", http, hotToken, tokens);
            if (viaGatewayHttp != null) {
                System.out.println("-- the same through the gateway at " + gateway);
                runScenarios(results, "gw-", viaGatewayHttp, hotToken, tokens);
            }

            System.out.println();
            System.out.println("RESULTS target=" + target + (gateway != null ? " gateway=" + gateway : "")
                    + " clients=" + clients + " warmup=" + warmup.toSeconds() + "s duration=" + duration.toSeconds() + "s");
            results.forEach((name, r) -> System.out.println(r.line(name)));
            pool.dispose();
        } finally {
            Children.stopAll(children);
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    private void runScenarios(Map<String, Result> results, String prefix, HttpClient http, String hotToken,
            String[] tokens) {
        String via = prefix.isEmpty() ? "" : " (via gateway)";
        if (!jitWarmup.isZero()) {
            scenario(http, "JIT warm-up, not reported" + via, jitWarmup, Duration.ZERO,
                    i -> i % 2 == 0 ? hotToken : tokens[ThreadLocalRandom.current().nextInt(wallets)]);
        }
        results.put(prefix + "hot", scenario(http, "hot wallet" + via, i -> hotToken));
        results.put(prefix + "spread", scenario(http, "spread over " + wallets + " wallets" + via,
                i -> tokens[ThreadLocalRandom.current().nextInt(wallets)]));
        // Half the clients on the hot wallet, half spread: what a hot wallet does to its neighbours.
        results.put(prefix + "mixed", scenario(http, "one hot wallet among " + wallets + via,
                i -> i % 2 == 0 ? hotToken : tokens[ThreadLocalRandom.current().nextInt(wallets)]));
    }

    /** Per-client token choice; for the mixed run, even clients are the hot wallet's. */
    private Result scenario(HttpClient http, String label, IntFunction<String> tokenForClient) {
        return scenario(http, label, warmup, duration, tokenForClient);
    }

    private Result scenario(HttpClient http, String label, Duration warmup, Duration duration,
            IntFunction<String> tokenForClient) {
        System.out.printf("%s: %d clients, %ds warm-up, %ds measured%n", label, clients, warmup.toSeconds(),
                duration.toSeconds());
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long[] cpuAtStart = new long[4];
        double[] batchesAtStart = new double[2];
        Schedulers.boundedElastic().schedule(() -> {
            cpuAtStart[0] = Cpu.millis(servicePid);
            cpuAtStart[1] = Cpu.millis(gatewayPid);
            cpuAtStart[2] = Cpu.millis(ProcessHandle.current().pid());
            cpuAtStart[3] = Cpu.postgresMillis();
            double[] batches = spendBatches();
            batchesAtStart[0] = batches[0];
            batchesAtStart[1] = batches[1];
        }, warmup.toMillis(), TimeUnit.MILLISECONDS);
        long end = measureFrom + duration.toNanos();
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        LongAdder hotOk = new LongAdder();
        List<long[]> latencies = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            latencies.add(new long[250_000]);
        }
        AtomicLong[] counts = new AtomicLong[clients];
        Flux.range(0, clients).flatMap(client -> {
            counts[client] = new AtomicLong();
            long[] lat = latencies.get(client);
            return Mono.defer(() -> {
                        String token = tokenForClient.apply(client);
                        long sent = System.nanoTime();
                        return consume(http, token).doOnNext(status -> {
                            long now = System.nanoTime();
                            if (sent >= measureFrom && now <= end) {
                                statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                                if (status == 200 && client % 2 == 0) {
                                    hotOk.increment();
                                }
                                long n = counts[client].getAndIncrement();
                                if (n < lat.length) {
                                    lat[(int) n] = now - sent;
                                }
                            }
                        });
                    })
                    .repeat(() -> System.nanoTime() < end)
                    .then();
        }, clients).blockLast();

        long cpuMillis = Cpu.millis(servicePid) - cpuAtStart[0];
        long gatewayCpuMillis = Cpu.millis(gatewayPid) - cpuAtStart[1];
        long harnessCpuMillis = Cpu.millis(ProcessHandle.current().pid()) - cpuAtStart[2];
        long postgresCpuMillis = Cpu.postgresMillis() - cpuAtStart[3];
        double[] batches = spendBatches();
        double batchCount = batches[0] - batchesAtStart[0];
        double meanBatch = batchCount <= 0 ? 0 : (batches[1] - batchesAtStart[1]) / batchCount;
        long[] all = latencies.stream().flatMapToLong(lat -> Arrays.stream(lat)).filter(v -> v > 0).sorted().toArray();
        Map<Integer, Long> byStatus = new LinkedHashMap<>();
        statuses.forEach((k, v) -> byStatus.put(k, v.sum()));
        long answered = byStatus.values().stream().mapToLong(Long::longValue).sum();
        double cpuPerRequest = servicePid < 0 || answered == 0 ? 0 : (double) cpuMillis / answered;
        // Only meaningful for the runs through the gateway (it idles during the direct ones).
        double gatewayCpuPerRequest = gatewayPid < 0 || answered == 0 ? 0 : (double) gatewayCpuMillis / answered;
        // The harness JVM also runs the Kafka broker the service publishes to.
        double harnessCpuPerRequest = answered == 0 ? 0 : (double) harnessCpuMillis / answered;
        double postgresCpuPerRequest = answered == 0 ? 0 : (double) postgresCpuMillis / answered;
        return new Result(byStatus, hotOk.sum(), duration.toNanos() / 1e9, Cpu.percentile(all, 50), Cpu.percentile(all, 99),
                cpuPerRequest, gatewayCpuPerRequest, harnessCpuPerRequest, postgresCpuPerRequest, meanBatch);
    }

    private record Result(Map<Integer, Long> statuses, long evenClientOk, double seconds, double p50ms, double p99ms,
            double serviceCpuMsPerRequest, double gatewayCpuMsPerRequest, double harnessCpuMsPerRequest,
            double postgresCpuMsPerRequest, double meanSpendBatch) {
        String line(String name) {
            long ok = statuses.getOrDefault(200, 0L);
            long errors = statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(Map.Entry::getValue).sum();
            String extra = (name.startsWith("gw-") ? String.format(" gateway_cpu_ms_per_req=%.2f", gatewayCpuMsPerRequest)
                    : "") + (name.endsWith("mixed")
                    ? String.format(" hot_ok_per_s=%.0f spread_ok_per_s=%.0f", evenClientOk / seconds,
                            (ok - evenClientOk) / seconds)
                    : "");
            return String.format("%-9s ok_per_s=%.0f statuses=%s server_errors=%d p50_ms=%.1f p99_ms=%.1f "
                            + "service_cpu_ms_per_req=%.2f postgres_cpu_ms_per_req=%.2f harness_cpu_ms_per_req=%.2f "
                            + "spends_per_batch=%.1f%s", name,
                    ok / seconds, statuses, errors, p50ms, p99ms, serviceCpuMsPerRequest, postgresCpuMsPerRequest,
                    harnessCpuMsPerRequest, meanSpendBatch, extra);
        }
    }

    /**
     * The service's {@code plinth.credits.spend.batch.size} summary: {count, sum} so far, or zeros
     * when it cannot be read (an older jar, or a BENCH_TARGET_URL without the metric).
     */
    private double[] spendBatches() {
        String text = serviceHttp == null ? null : serviceHttp.get().uri("/actuator/prometheus")
                .responseContent().aggregate().asString().onErrorResume(e -> Mono.empty())
                .block(Duration.ofSeconds(10));
        double[] countAndSum = new double[2];
        if (text == null) {
            return countAndSum;
        }
        for (String line : text.split("\n")) {
            if (line.startsWith("plinth_credits_spend_batch_size_count")) {
                countAndSum[0] = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            } else if (line.startsWith("plinth_credits_spend_batch_size_sum")) {
                countAndSum[1] = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return countAndSum;
    }

    /**
     * The spread wallets, funded straight in the database (an ADMIN_GRANT transfer per wallet, so
     * the ledger invariant holds): 10 000 grants through HTTP would only measure the seeding.
     */
    private void seedWallets(long credits) throws java.sql.SQLException {
        String url = "jdbc:postgresql://" + env("PGHOST", "localhost") + ":" + env("PGPORT", "25432") + "/"
                + env("BENCH_DATABASE", "credit");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, env("PGUSER", "postgres"),
                env("PGPASSWORD", "postgres")); java.sql.Statement st = c.createStatement()) {
            String prefix = "bench-" + runId + "-";
            st.executeUpdate("INSERT INTO account (id, tenant_id, user_id, kind, balance) "
                    + "SELECT gen_random_uuid(), 'default', '" + prefix + "' || g, 'WALLET', " + credits
                    + " FROM generate_series(0, " + (wallets - 1) + ") g");
            st.executeUpdate("INSERT INTO transfer (id, tenant_id, user_id, debit_account_id, credit_account_id, "
                    + "amount, kind, description, metadata, wallet_id, wallet_balance, created_at) "
                    + "SELECT 'bench-seed:' || a.user_id, a.tenant_id, a.user_id, "
                    + "'00000000-0000-0000-0000-000000000002', a.id, " + credits + ", 'ADMIN_GRANT', 'bench funding', "
                    + "'{}'::jsonb, a.id, " + credits + ", now() FROM account a WHERE a.user_id LIKE '" + prefix + "%'");
            st.execute("ANALYZE account");
            st.execute("ANALYZE transfer");
        }
    }

    private Mono<Integer> consume(HttpClient http, String token) {
        return http.headers(h -> h.set("Authorization", "Bearer " + token)
                        .set("Content-Type", "application/json")
                        .set("Idempotency-Key", UUID.randomUUID().toString()))
                .post().uri(CONSUME)
                .send(ByteBufFlux.fromString(Mono.just("{\"credits\":1,\"service\":\"bench\"}")))
                .responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                        .map(text -> response.status().code()))
                .onErrorReturn(-1);
    }

    private Mono<Integer> grant(HttpClient http, String admin, String user, long credits) {
        String body = "{\"credits\":" + credits + ",\"reason\":\"bench funding\"}";
        return http.headers(h -> h.set("Authorization", "Bearer " + admin)
                        .set("Content-Type", "application/json")
                        .set("Idempotency-Key", "bench-grant-" + user))
                .post().uri("/api/v1/admin/credits/" + user + "/grant")
                .send(ByteBufFlux.fromInbound(Mono.just(Unpooled.wrappedBuffer(body.getBytes(StandardCharsets.UTF_8)))))
                .responseSingle((response, content) -> content.asString().defaultIfEmpty("").map(text -> {
                    if (response.status().code() != 200) {
                        throw new IllegalStateException("grant failed: " + response.status() + " " + text);
                    }
                    return response.status().code();
                }));
    }

    private Process startService(int port, String kafka, String eurekaZone) throws IOException {
        String jar = env("BENCH_SERVICE_JAR", "credit-service/target/credit-service-0.1.0-SNAPSHOT.jar");
        String pgHost = env("PGHOST", "localhost");
        String pgPort = env("PGPORT", "25432");
        String database = env("BENCH_DATABASE", "credit");
        List<String> command = new ArrayList<>(List.of("java", "-Xmx768m"));
        String javaOpts = env("BENCH_SERVICE_JAVA_OPTS", "");
        if (!javaOpts.isBlank()) {
            command.addAll(Arrays.asList(javaOpts.trim().split("\\s+")));
        }
        if (eurekaZone != null) {
            // A system property: from an environment variable the serviceUrl map key binds as "defaultzone".
            command.add("-Deureka.client.service-url.defaultZone=" + eurekaZone);
        }
        command.addAll(List.of("-jar", jar));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> e = pb.environment();
        e.put("SERVER_PORT", Integer.toString(port));
        e.put("SPRING_R2DBC_URL", "r2dbc:postgresql://" + pgHost + ":" + pgPort + "/" + database);
        e.put("SPRING_FLYWAY_URL", "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + database);
        e.put("SPRING_R2DBC_USERNAME", env("PGUSER", "postgres"));
        e.put("SPRING_R2DBC_PASSWORD", env("PGPASSWORD", "postgres"));
        e.put("SPRING_FLYWAY_USER", env("PGUSER", "postgres"));
        e.put("SPRING_FLYWAY_PASSWORD", env("PGPASSWORD", "postgres"));
        e.put("SPRING_R2DBC_POOL_MAX_SIZE", env("BENCH_POOL", Integer.toString(clients)));
        e.put("SPRING_R2DBC_POOL_INITIAL_SIZE", env("BENCH_POOL", Integer.toString(clients)));
        e.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka);
        e.put("PLINTH_SECURITY_JWKS_URI", TestTokens.jwksUri());
        if (eurekaZone != null) {
            // Register as 127.0.0.1 (loopback only), and renew/fetch often enough to be routable in seconds.
            e.put("EUREKA_INSTANCE_PREFER_IP_ADDRESS", "true");
            e.put("EUREKA_INSTANCE_IP_ADDRESS", "127.0.0.1");
            e.put("EUREKA_CLIENT_REGISTRYFETCHINTERVALSECONDS", "5");
        } else {
            e.put("EUREKA_CLIENT_ENABLED", "false");
            e.put("SPRING_CLOUD_DISCOVERY_ENABLED", "false");
        }
        e.put("PLINTH_LOG_FORMAT", "text");
        e.put("LOGGING_LEVEL_ROOT", "WARN");
        pb.redirectErrorStream(true);
        pb.redirectOutput(new File(env("BENCH_SERVICE_LOG", "/tmp/credit-bench-service.log")));
        System.out.println("starting credit-service on :" + port + " (log " + env("BENCH_SERVICE_LOG",
                "/tmp/credit-bench-service.log") + ")");
        return Children.recordPid(pb.start());
    }

    private Process startDiscovery(int port) throws IOException {
        String jar = env("BENCH_DISCOVERY_JAR", "discovery/target/discovery-0.1.0-SNAPSHOT.jar");
        return Children.startJar("discovery", jar, "-Xmx256m", List.of(
                "--server.port=" + port,
                "--eureka.instance.hostname=localhost",
                "--server.address=127.0.0.1"), Map.of(), "/tmp/credit-bench-discovery.log");
    }

    private Process startGateway(int port, String eurekaZone) throws IOException {
        String jar = env("BENCH_GATEWAY_JAR", "gateway/target/gateway-0.1.0-SNAPSHOT.jar");
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--eureka.client.service-url.defaultZone=" + eurekaZone,
                // The same keys the service trusts: this JVM's JWKS, which signed every bench token.
                "--plinth.security.jwks-uri=" + TestTokens.jwksUri(),
                // One user from one address at hundreds of requests per second: the default buckets
                // (20/s per user, 50/s per address) would turn the run into a measurement of the limiter.
                "--plinth.gateway.rate-limit.enabled=false"));
        String extra = env("BENCH_GATEWAY_ARGS", "");
        if (!extra.isBlank()) {
            args.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        return Children.startJar("gateway", jar, env("BENCH_GATEWAY_JAVA_OPTS", "-Xmx512m"), args, Map.of(),
                "/tmp/credit-bench-gateway.log");
    }

    /** Until the gateway has the service from Eureka and proxies an authenticated call to it. */
    private static void awaitRoute(HttpClient gateway, String token, Process gatewayProcess)
            throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + Duration.ofMinutes(3).toNanos();
        int status = -1;
        while (System.nanoTime() < deadline) {
            if (!gatewayProcess.isAlive()) {
                throw new IllegalStateException("gateway exited with " + gatewayProcess.exitValue()
                        + " (see /tmp/credit-bench-gateway.log)");
            }
            Integer s = gateway.headers(h -> h.set("Authorization", "Bearer " + token))
                    .get().uri("/api/v1/credits/balance")
                    .responseSingle((r, b) -> b.asString().defaultIfEmpty("").map(x -> r.status().code()))
                    .onErrorReturn(-1).block();
            status = s == null ? -1 : s;
            if (status == 200) {
                System.out.printf("gateway routes /api/v1/credits/balance (200) after %.0f s%n",
                        (System.nanoTime() - started) / 1e9);
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("the gateway did not route /api/v1/credits/balance in 3 min; last status "
                + status);
    }

    /** A fixed port from the environment, else a free one; never one of the devstack's. */
    private static int portEnv(String name) throws IOException {
        String value = System.getenv(name);
        int port = value == null || value.isBlank() ? freePort() : Integer.parseInt(value.trim());
        if ((port >= 8080 && port <= 8090) || port == 8761 || port == 9092 || port == 15432) {
            throw new IllegalArgumentException(name + "=" + port + " is a devstack port");
        }
        return port;
    }

    private static void awaitReady(HttpClient http, Process service) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (service != null && !service.isAlive()) {
                throw new IllegalStateException("credit-service exited with " + service.exitValue());
            }
            Integer status = http.get().uri("/actuator/health/readiness")
                    .responseSingle((r, b) -> b.asString().defaultIfEmpty("").map(x -> r.status().code()))
                    .onErrorReturn(-1).block();
            if (status != null && status == 200) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("credit-service did not become ready");
    }

    @SuppressWarnings("unused")
    private static Path path(String p) {
        return Path.of(p);
    }
}
