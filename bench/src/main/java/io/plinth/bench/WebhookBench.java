package io.plinth.bench;

import static io.plinth.bench.Env.env;
import static io.plinth.bench.Env.freePort;
import static io.plinth.bench.Env.intEnv;

import io.plinth.embedded.KafkaNode;
import io.plinth.events.user.MailTokenSeal;
import io.plinth.test.security.TestTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Verified Stripe-signed webhooks accepted per second by integration-service through the real gateway, next to
 * the same load on something of the service's that does no work: its liveness probe, routed through the same
 * gateway for the run (an extra route, {@code /api/v1/webhooks/_bench/liveness} → {@code /actuator/health/liveness},
 * public like the ingress paths, with the same per-service circuit breaker).
 *
 * <p>Discovery, gateway and integration-service run as child processes (their built jars), against the PostgreSQL
 * the script started and a KRaft broker in this JVM. Closed loop: BENCH_CLIENTS clients, each sends its next request
 * when the previous one answered. Each webhook is a new Stripe event (own id, realistic 2 KB body) signed with the
 * current time, so every one is verified, logged, deduplicated and put in the outbox — the whole ingress path — and
 * the relay publishes it to Kafka. While the webhooks run, a probe sends one signed Zoom URL validation every
 * BENCH_PROBE_INTERVAL_MS and records how long the answer took: Zoom wants it within 3 s.
 *
 * <p>Order: unmeasured warm-up of both (the JIT), then BENCH_ROUNDS rounds of [trivial, webhooks], so drift on a
 * shared machine shows as a difference between rounds. CPU per request from /proc: gateway, service, PostgreSQL
 * (whole server) and this harness (load generator + Kafka broker).
 */
public final class WebhookBench {

    static final String STRIPE = "/api/v1/webhooks/stripe";
    static final String ZOOM = "/api/v1/webhooks/zoom";
    static final String TRIVIAL = "/api/v1/webhooks/_bench/liveness";

    private final int clients = intEnv("BENCH_CLIENTS", 32);
    private final Duration warmup = Duration.ofSeconds(intEnv("BENCH_WARMUP_SECONDS", 5));
    private final Duration duration = Duration.ofSeconds(intEnv("BENCH_DURATION_SECONDS", 20));
    private final Duration jitWarmup = Duration.ofSeconds(intEnv("BENCH_JIT_WARMUP_SECONDS", 120));
    private final int rounds = intEnv("BENCH_ROUNDS", 2);
    private final Duration probeInterval = Duration.ofMillis(intEnv("BENCH_PROBE_INTERVAL_MS", 100));
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final String stripeSecret = "whsec_bench_" + runId;
    private final String zoomSecret = "zoom_bench_" + runId;
    private final AtomicLong eventSeq = new AtomicLong();
    private long servicePid = -1;
    private long gatewayPid = -1;

    public static void main(String[] args) {
        Env.runAndExit(() -> new WebhookBench().run());
    }

    private void run() throws Exception {
        Children children = new Children();
        Runtime.getRuntime().addShutdownHook(new Thread(children::close));
        KafkaNode kafka = null;
        try {
            int eurekaPort = freePort();
            String eurekaZone = "http://127.0.0.1:" + eurekaPort + "/eureka/";
            children.startDiscovery(eurekaPort, "/tmp/webhook-bench-discovery.log");
            kafka = KafkaNode.onFreePorts(Files.createTempDirectory("bench-kafka")).start();
            int servicePort = freePort();
            Children.Child service = startService(children, servicePort, kafka.bootstrapServers(), eurekaZone);
            servicePid = service.pid();
            int gatewayPort = freePort();
            Children.Child gateway = startGateway(children, gatewayPort, eurekaZone);
            gatewayPid = gateway.pid();

            ConnectionProvider pool = ConnectionProvider.builder("bench").maxConnections(clients * 2)
                    .pendingAcquireMaxCount(-1).build();
            HttpClient direct = HttpClient.create(pool).baseUrl("http://127.0.0.1:" + servicePort)
                    .responseTimeout(Duration.ofSeconds(30));
            HttpClient http = HttpClient.create(pool).baseUrl("http://127.0.0.1:" + gatewayPort)
                    .responseTimeout(Duration.ofSeconds(30));
            await("integration-service ready", () -> get(direct, "/actuator/health/readiness"), service);
            await("the gateway routing the ingress", () -> webhook(http), gateway);
            await("the gateway routing the liveness probe", () -> get(http, TRIVIAL), gateway);
            if (zoomChallenge(http).block() != 200) {
                throw new IllegalStateException("Zoom's URL validation is not answered");
            }

            Map<String, Result> results = new LinkedHashMap<>();
            if (!jitWarmup.isZero()) {
                scenario(http, "JIT warm-up, both kinds, not reported", jitWarmup, Duration.ZERO,
                        client -> client % 2 == 0 ? webhook(http) : get(http, TRIVIAL), false);
            }
            for (int round = 1; round <= rounds; round++) {
                results.put("trivial-" + round, scenario(http, "liveness probe through the gateway, round " + round,
                        warmup, duration, client -> get(http, TRIVIAL), false));
                results.put("webhook-" + round, scenario(http, "Stripe-signed webhooks through the gateway, round " + round,
                        warmup, duration, client -> webhook(http), true));
            }
            System.out.println();
            System.out.println("RESULTS gateway=127.0.0.1:" + gatewayPort + " clients=" + clients + " warmup="
                    + warmup.toSeconds() + "s duration=" + duration.toSeconds() + "s rounds=" + rounds);
            results.forEach((name, r) -> System.out.println(r.line(name)));
            long accepted = acceptedRows();
            System.out.println("webhook_events rows accepted in the run (incl. warm-up): " + accepted);
            pool.dispose();
        } finally {
            children.close();
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    private Result scenario(HttpClient http, String label, Duration warmup, Duration duration,
            IntFunction<Mono<Integer>> request, boolean probeZoom) {
        System.out.printf("%s: %d clients, %ds warm-up, %ds measured%n", label, clients, warmup.toSeconds(),
                duration.toSeconds());
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        long[] cpuAtStart = new long[4];
        Schedulers.boundedElastic().schedule(() -> {
            cpuAtStart[0] = Cpu.millis(servicePid);
            cpuAtStart[1] = Cpu.millis(gatewayPid);
            cpuAtStart[2] = Cpu.millis(ProcessHandle.current().pid());
            cpuAtStart[3] = Cpu.postgresMillis();
        }, warmup.toMillis(), TimeUnit.MILLISECONDS);
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        List<long[]> latencies = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            latencies.add(new long[400_000]);
        }
        AtomicLong[] counts = new AtomicLong[clients];
        List<Long> probe = Collections.synchronizedList(new ArrayList<>());
        LongAdder probeFailures = new LongAdder();
        Flux<Void> load = Flux.range(0, clients).flatMap(client -> {
            counts[client] = new AtomicLong();
            long[] lat = latencies.get(client);
            return Mono.defer(() -> {
                        long sent = System.nanoTime();
                        return request.apply(client).doOnNext(status -> {
                            long now = System.nanoTime();
                            if (sent >= measureFrom && now <= end) {
                                statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                                long n = counts[client].getAndIncrement();
                                if (n < lat.length) {
                                    lat[(int) n] = now - sent;
                                }
                            }
                        });
                    })
                    .repeat(() -> System.nanoTime() < end)
                    .then();
        }, clients);
        Flux<Void> probes = !probeZoom ? Flux.empty() : Flux.interval(probeInterval)
                .takeWhile(tick -> System.nanoTime() < end)
                .flatMap(tick -> {
                    long sent = System.nanoTime();
                    return zoomChallenge(http).doOnNext(status -> {
                        long now = System.nanoTime();
                        if (sent >= measureFrom && now <= end) {
                            if (status == 200) {
                                probe.add(now - sent);
                            } else {
                                probeFailures.increment();
                            }
                        }
                    });
                })
                .then().flux();
        Flux.merge(load, probes).blockLast();

        long serviceCpu = Cpu.millis(servicePid) - cpuAtStart[0];
        long gatewayCpu = Cpu.millis(gatewayPid) - cpuAtStart[1];
        long harnessCpu = Cpu.millis(ProcessHandle.current().pid()) - cpuAtStart[2];
        long postgresCpu = Cpu.postgresMillis() - cpuAtStart[3];
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).filter(v -> v > 0).sorted().toArray();
        long[] zoom = probe.stream().mapToLong(Long::longValue).sorted().toArray();
        Map<Integer, Long> byStatus = new LinkedHashMap<>();
        statuses.forEach((k, v) -> byStatus.put(k, v.sum()));
        long answered = byStatus.values().stream().mapToLong(Long::longValue).sum();
        double per = answered == 0 ? 0 : 1.0 / answered;
        return new Result(byStatus, duration.toNanos() / 1e9, Cpu.percentile(all, 50), Cpu.percentile(all, 99),
                Cpu.percentile(all, 100), serviceCpu * per, gatewayCpu * per, postgresCpu * per, harnessCpu * per,
                probeZoom ? zoom.length : -1, Cpu.percentile(zoom, 50), Cpu.percentile(zoom, 99), Cpu.percentile(zoom, 100),
                probeFailures.sum());
    }

    private record Result(Map<Integer, Long> statuses, double seconds, double p50ms, double p99ms, double maxMs,
            double serviceCpu, double gatewayCpu, double postgresCpu, double harnessCpu,
            int zoomProbes, double zoomP50, double zoomP99, double zoomMax, long zoomFailures) {
        String line(String name) {
            long ok = statuses.getOrDefault(200, 0L);
            String zoom = zoomProbes < 0 ? "" : String.format(
                    " zoom_validation n=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f failed=%d",
                    zoomProbes, zoomP50, zoomP99, zoomMax, zoomFailures);
            return String.format("%-10s ok_per_s=%.0f statuses=%s p50_ms=%.1f p99_ms=%.1f max_ms=%.1f "
                            + "gateway_cpu_ms_per_req=%.2f service_cpu_ms_per_req=%.2f postgres_cpu_ms_per_req=%.2f "
                            + "harness_cpu_ms_per_req=%.2f%s",
                    name, ok / seconds, statuses, p50ms, p99ms, maxMs, gatewayCpu, serviceCpu, postgresCpu, harnessCpu, zoom);
        }
    }

    /** A new Stripe event, signed now with the endpoint secret, as Stripe would send it. */
    private Mono<Integer> webhook(HttpClient http) {
        long n = eventSeq.incrementAndGet();
        String eventId = "evt_bench_" + runId + "_" + n;
        byte[] body = stripeEvent(eventId, "pi_bench_" + runId + "_" + (n % 5_000)).getBytes(StandardCharsets.UTF_8);
        long t = Instant.now().getEpochSecond();
        String signature = "t=" + t + ",v1=" + hmacHex(stripeSecret, (t + ".").getBytes(StandardCharsets.UTF_8), body);
        return http.headers(h -> h.set("Content-Type", "application/json").set("Stripe-Signature", signature))
                .post().uri(STRIPE)
                .send(ByteBufFlux.fromString(Mono.just(new String(body, StandardCharsets.UTF_8))))
                .responseSingle((response, content) -> content.asString().defaultIfEmpty("")
                        .map(text -> response.status().code()))
                .onErrorReturn(-1);
    }

    /** Zoom's URL validation, signed, answered only when the encryptedToken is right. */
    private Mono<Integer> zoomChallenge(HttpClient http) {
        String plainToken = "pt" + eventSeq.incrementAndGet();
        byte[] body = ("{\"event\":\"endpoint.url_validation\",\"event_ts\":" + System.currentTimeMillis()
                + ",\"payload\":{\"plainToken\":\"" + plainToken + "\"}}").getBytes(StandardCharsets.UTF_8);
        long t = Instant.now().getEpochSecond();
        String signature = "v0=" + hmacHex(zoomSecret, ("v0:" + t + ":").getBytes(StandardCharsets.UTF_8), body);
        String expected = hmacHex(zoomSecret, plainToken.getBytes(StandardCharsets.UTF_8));
        return http.headers(h -> h.set("Content-Type", "application/json").set("x-zm-signature", signature)
                        .set("x-zm-request-timestamp", Long.toString(t)))
                .post().uri(ZOOM)
                .send(ByteBufFlux.fromString(Mono.just(new String(body, StandardCharsets.UTF_8))))
                .responseSingle((response, content) -> content.asString().defaultIfEmpty("")
                        .map(text -> response.status().code() == 200 && text.contains(expected) ? 200
                                : response.status().code() == 200 ? 299 : response.status().code()))
                .onErrorReturn(-1);
    }

    private static Mono<Integer> get(HttpClient http, String path) {
        return http.get().uri(path)
                .responseSingle((response, content) -> content.asString().defaultIfEmpty("")
                        .map(text -> response.status().code()))
                .onErrorReturn(-1);
    }

    /** A payment_intent.succeeded event of realistic size (Stripe's are 2-4 KB). */
    private static String stripeEvent(String eventId, String paymentIntent) {
        return "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"api_version\":\"2026-07-29.dahlia\",\"created\":"
                + Instant.now().getEpochSecond() + ",\"data\":{\"object\":{\"id\":\"" + paymentIntent + "\","
                + "\"object\":\"payment_intent\",\"amount\":1999,\"amount_capturable\":0,\"amount_details\":{\"tip\":{}},"
                + "\"amount_received\":1999,\"application\":null,\"application_fee_amount\":null,"
                + "\"automatic_payment_methods\":null,\"canceled_at\":null,\"cancellation_reason\":null,"
                + "\"capture_method\":\"automatic\",\"client_secret\":\"" + paymentIntent + "_secret_bench\","
                + "\"confirmation_method\":\"automatic\",\"created\":1795000000,\"currency\":\"usd\","
                + "\"customer\":\"cus_bench\",\"description\":\"50 credits\",\"invoice\":null,\"last_payment_error\":null,"
                + "\"latest_charge\":\"ch_bench\",\"livemode\":false,\"metadata\":{\"paymentId\":\"p_" + eventId
                + "\",\"userId\":\"u_bench\",\"tenantId\":\"default\",\"priceId\":\"credits_50\"},"
                + "\"next_action\":null,\"on_behalf_of\":null,\"payment_method\":\"pm_bench\","
                + "\"payment_method_configuration_details\":null,\"payment_method_options\":{\"card\":{\"installments\":null,"
                + "\"mandate_options\":null,\"network\":null,\"request_three_d_secure\":\"automatic\"}},"
                + "\"payment_method_types\":[\"card\"],\"processing\":null,\"receipt_email\":\"ada@example.com\","
                + "\"review\":null,\"setup_future_usage\":null,\"shipping\":null,\"source\":null,"
                + "\"statement_descriptor\":null,\"statement_descriptor_suffix\":null,\"status\":\"succeeded\","
                + "\"transfer_data\":null,\"transfer_group\":null}},\"livemode\":false,\"pending_webhooks\":1,"
                + "\"request\":{\"id\":null,\"idempotency_key\":\"" + eventId + "\"},\"type\":\"payment_intent.succeeded\"}";
    }

    private static long acceptedRows() {
        String url = "jdbc:postgresql://" + env("PGHOST", "localhost") + ":" + env("PGPORT", "25432") + "/"
                + env("BENCH_DATABASE", "integration");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, env("PGUSER", "postgres"),
                env("PGPASSWORD", "postgres")); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("select count(*) from webhook_events where status = 'accepted'")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    private Children.Child startService(Children children, int port, String kafka, String eurekaZone) throws IOException {
        String pg = "//" + env("PGHOST", "localhost") + ":" + env("PGPORT", "25432") + "/" + env("BENCH_DATABASE", "integration");
        Map<String, String> e = new LinkedHashMap<>();
        e.putAll(Env.serviceOnDatabase(port, pg));
        String poolSize = env("BENCH_POOL", "");
        if (!poolSize.isBlank()) {
            e.put("SPRING_R2DBC_POOL_MAX_SIZE", poolSize);
            e.put("SPRING_R2DBC_POOL_INITIAL_SIZE", poolSize);
        }
        e.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka);
        e.put("PLINTH_SECURITY_JWKS_URI", TestTokens.jwksUri());
        e.put("PLINTH_WEBHOOKS_STRIPE_SECRET", stripeSecret);
        e.put("PLINTH_WEBHOOKS_ZOOM_SECRET", zoomSecret);
        // integration-service refuses to start without its credential key and the mail-token key.
        e.put("PLINTH_INTEGRATION_CREDENTIALS_KEYS", "bench:YmVuY2gta2V5LWZvci1pbnRlZ3JhdGlvbi1jcmVkcyE=");
        e.put("PLINTH_MAIL_TOKEN_KEY", MailTokenSeal.DEVELOPMENT_KEY);
        e.put("EUREKA_INSTANCE_PREFER_IP_ADDRESS", "true");
        e.put("EUREKA_INSTANCE_IP_ADDRESS", "127.0.0.1");
        e.put("EUREKA_CLIENT_REGISTRYFETCHINTERVALSECONDS", "5");
        e.putAll(Children.SMALL_MALLOC);
        return children.start("integration-service", env("BENCH_SERVICE_JAR",
                        "integration-service/target/integration-service-0.1.0-SNAPSHOT.jar"),
                env("BENCH_SERVICE_JAVA_OPTS", "-Xmx768m"),
                List.of("--eureka.client.service-url.defaultZone=" + eurekaZone), e, port, port,
                "/actuator/health/readiness", "/tmp/webhook-bench-integration-service.log");
    }

    private Children.Child startGateway(Children children, int port, String eurekaZone) throws IOException {
        String route = "--spring.cloud.gateway.server.webflux.routes[0].";
        List<String> args = List.of(
                // The trivial endpoint, for this run only: the liveness probe of the same service, through the same
                // gateway, on a path the edge treats like the ingress's (public), with the same circuit breaker.
                route + "id=bench-integration-liveness",
                route + "uri=lb://integration-service",
                route + "order=-1",
                route + "predicates[0]=Path=" + TRIVIAL,
                route + "filters[0]=SetPath=/actuator/health/liveness",
                route + "filters[1]=CircuitBreaker=integration-service");
        return children.startGateway(port, eurekaZone, args, "/tmp/webhook-bench-gateway.log");
    }

    private static void await(String what, java.util.function.Supplier<Mono<Integer>> probe, Children.Child process)
            throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + Duration.ofMinutes(4).toNanos();
        Integer status = -1;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + ": " + process.name() + " exited");
            }
            status = probe.get().block(Duration.ofSeconds(30));
            if (status != null && status == 200) {
                System.out.printf("%s after %.0f s%n", what, (System.nanoTime() - started) / 1e9);
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException(what + ": not within 4 min; last status " + status);
    }

    private static String hmacHex(String secret, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
