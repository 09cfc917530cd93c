package io.plinth.bench;

import static io.plinth.bench.Env.env;
import static io.plinth.bench.Env.freePort;
import static io.plinth.bench.Env.intEnv;

import io.plinth.embedded.KafkaNode;
import io.plinth.embedded.S3ProxyServer;
import io.plinth.test.security.TestTokens;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/**
 * video-service's renderer and its generation API, measured on the real jar (see bench/README.md):
 *
 * <ol>
 * <li><b>Accepted per second, no render running</b>: the service started as an API-only replica
 * ({@code workers=0}); BENCH_CLIENTS clients in a closed loop POST generations (each its own user and
 * Idempotency-Key), each one validated, a credit hold placed over HTTP, a job inserted.
 * <li><b>Accepted per second while renders run</b>: the same load on a replica with BENCH_WORKERS render
 * workers, whose queue is never empty (the jobs accepted during its warm-up), so it renders throughout; how many
 * renders finished in the window is reported next to it.
 * <li><b>One job's latency by scene count</b> (BENCH_SCENES, default 1,3,5,10; BENCH_LATENCY_REPEATS each), on the
 * same replica with an empty queue: submit → status {@code completed} as a client polling every 50 ms sees it
 * (claim, storyboard, render, upload to S3, the transaction that records it), and the service's CPU for it.
 * <li><b>Render throughput</b>: BENCH_THROUGHPUT_JOBS jobs of BENCH_THROUGHPUT_SCENES scenes queued at once;
 * seconds of video produced per second of the service's CPU (from /proc, so JIT and GC included) and per
 * second of wall time.
 * </ol>
 *
 * <p>The service runs the production render settings (12 fps, 3 s a scene, motion search 2), against the
 * PostgreSQL the script started, a KRaft broker and credit-service's holds API played in this JVM (201 with a
 * hold id: credit-service's own cost is its benchmark's), S3Proxy from Maven as object storage, and tokens from
 * this JVM's JWKS. 720×1280 (vertical) throughout, the larger of the two sizes' bitrates.
 */
public final class VideoBench {

    private static final Pattern JOB_ID = Pattern.compile("\"jobId\"\\s*:\\s*\"([^\"]+)\"");
    private static final int SECONDS_PER_SCENE = 3;
    /** video-service's render scheduler names its threads render-N: the encoding's own CPU. */
    private static final String RENDER_THREADS = "render-";

    private final int clients = intEnv("BENCH_CLIENTS", 16);
    private final Duration warmup = Duration.ofSeconds(intEnv("BENCH_WARMUP_SECONDS", 5));
    private final Duration duration = Duration.ofSeconds(intEnv("BENCH_DURATION_SECONDS", 20));
    private final Duration jitWarmup = Duration.ofSeconds(intEnv("BENCH_JIT_WARMUP_SECONDS", 60));
    private final int workers = intEnv("BENCH_WORKERS", 1);
    private final int repeats = intEnv("BENCH_LATENCY_REPEATS", 3);
    private final int throughputJobs = intEnv("BENCH_THROUGHPUT_JOBS", 6);
    private final int throughputScenes = intEnv("BENCH_THROUGHPUT_SCENES", 3);
    private final List<Integer> sceneCounts = Arrays.stream(env("BENCH_SCENES", "1,3,5,10").split(","))
            .map(String::trim).map(Integer::parseInt).toList();
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicLong requestSeq = new AtomicLong();
    private final String[] tokens = new String[512];
    private final LongAdder holds = new LongAdder();

    public static void main(String[] args) {
        Env.runAndExit(() -> new VideoBench().run());
    }

    private void run() throws Exception {
        Children children = new Children();
        Runtime.getRuntime().addShutdownHook(new Thread(children::close));
        KafkaNode kafka = null;
        S3ProxyServer s3 = null;
        DisposableServer creditHolds = null;
        try {
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = TestTokens.user("bench-" + runId + "-" + i).ttl(Duration.ofHours(3)).sign();
            }
            kafka = KafkaNode.onFreePorts(Files.createTempDirectory("video-bench-kafka")).start();
            s3 = S3ProxyServer.start(Path.of(env("BENCH_S3PROXY_JAR", "video-service/target/s3proxy/s3proxy.jar")),
                    freePort(), Files.createTempDirectory("video-bench-s3"), "bench", "bench-secret-" + runId,
                    Path.of("/tmp/video-bench-s3proxy.log"));
            creditHolds = creditHolds();
            ConnectionProvider pool = ConnectionProvider.builder("bench").maxConnections(clients * 2)
                    .pendingAcquireMaxCount(-1).build();
            Map<String, String> results = new LinkedHashMap<>();

            // 1. An API-only replica: accepting with no render running.
            int apiPort = freePort();
            Children.Child api = startService(children, "api-only", apiPort, 0, kafka, s3, creditHolds);
            HttpClient apiHttp = client(pool, apiPort);
            load(apiHttp, api.pid(), "JIT warm-up, not reported", jitWarmup, Duration.ZERO);
            results.put("accept-idle", load(apiHttp, api.pid(), "accepted/s, no render running (workers=0)",
                    warmup, duration));
            api.component().stop();

            // 2. A replica that renders: its queue holds everything accepted so far, so it renders all along.
            int port = freePort();
            Children.Child service = startService(children, "renderer", port, workers, kafka, s3, creditHolds);
            HttpClient http = client(pool, port);
            load(http, service.pid(), "JIT warm-up while rendering, not reported", jitWarmup, Duration.ZERO);
            long completedBefore = jobs("COMPLETED");
            long renderBefore = Cpu.threadMillis(service.pid(), RENDER_THREADS);
            String accepting = load(http, service.pid(), "accepted/s while renders run (workers=" + workers + ")",
                    warmup, duration);
            results.put("accept-rendering", accepting + " renders_completed=" + (jobs("COMPLETED") - completedBefore)
                    + String.format(" render_thread_cpu_s=%.1f",
                            (Cpu.threadMillis(service.pid(), RENDER_THREADS) - renderBefore) / 1000.0));

            // 3. and 4. with an empty queue: nothing but the measured jobs.
            int dropped = dropQueued();
            System.out.printf("dropped %d queued jobs; waiting for the renders in flight%n", dropped);
            awaitIdle(service);
            for (int scenes : sceneCounts) {
                results.put("latency-" + scenes, latency(http, service.pid(), scenes));
            }
            results.put("throughput", throughput(http, service.pid()));

            System.out.println();
            System.out.println("RESULTS clients=" + clients + " warmup=" + warmup.toSeconds() + "s duration="
                    + duration.toSeconds() + "s workers=" + workers + " holds_placed=" + holds.sum());
            results.forEach((name, line) -> System.out.printf("%-18s %s%n", name, line));
            pool.dispose();
        } finally {
            children.close();
            if (creditHolds != null) {
                creditHolds.disposeNow();
            }
            if (s3 != null) {
                s3.close();
            }
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    /** Closed loop for warm-up + duration; counts 202s in the measured part and the service's CPU per request. */
    private String load(HttpClient http, long pid, String label, Duration warm, Duration measured) {
        System.out.printf("%s: %d clients, %ds warm-up, %ds measured%n", label, clients, warm.toSeconds(),
                measured.toSeconds());
        long measureFrom = System.nanoTime() + warm.toNanos();
        long end = measureFrom + measured.toNanos();
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        long[] cpuAtStart = {-1};
        Flux.range(0, clients).flatMap(client -> Mono.defer(() -> {
                    long sent = System.nanoTime();
                    if (sent >= measureFrom && cpuAtStart[0] < 0) {
                        synchronized (cpuAtStart) {
                            if (cpuAtStart[0] < 0) {
                                cpuAtStart[0] = Cpu.millis(pid);
                            }
                        }
                    }
                    return submit(http, 3, "accepted").doOnNext(answer -> {
                        long now = System.nanoTime();
                        if (sent >= measureFrom && now <= end) {
                            statuses.computeIfAbsent(answer.status(), s -> new LongAdder()).increment();
                            latencies.add(now - sent);
                        }
                    });
                }).repeat(() -> System.nanoTime() < end).then(), clients)
                .blockLast();
        if (measured.isZero()) {
            return "";
        }
        long cpu = Cpu.millis(pid) - cpuAtStart[0];
        Map<Integer, Long> byStatus = new LinkedHashMap<>();
        statuses.forEach((k, v) -> byStatus.put(k, v.sum()));
        long accepted = byStatus.getOrDefault(202, 0L);
        long answered = byStatus.values().stream().mapToLong(Long::longValue).sum();
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format("accepted_per_s=%.1f statuses=%s p50_ms=%.1f p99_ms=%.1f service_cpu_ms_per_req=%.2f",
                accepted / (measured.toNanos() / 1e9), byStatus, Cpu.percentile(sorted, 50), Cpu.percentile(sorted, 99),
                answered == 0 ? 0.0 : (double) cpu / answered);
    }

    /**
     * One job at a time: submit, then wait until its row says completed (read from PostgreSQL, so waiting costs the
     * service nothing). The service's CPU, and the render thread's alone (encoding), for each.
     */
    private String latency(HttpClient http, long pid, int scenes) {
        long[] millis = new long[repeats];
        long[] cpu = new long[repeats];
        long[] render = new long[repeats];
        for (int i = 0; i < repeats; i++) {
            long cpuBefore = Cpu.millis(pid);
            long renderBefore = Cpu.threadMillis(pid, RENDER_THREADS);
            long sent = System.nanoTime();
            Answer answer = submit(http, scenes, "latency").block(Duration.ofSeconds(30));
            if (answer == null || answer.status() != 202) {
                throw new IllegalStateException("not accepted: " + answer);
            }
            awaitCompleted(List.of(answer.jobId()));
            millis[i] = (System.nanoTime() - sent) / 1_000_000;
            cpu[i] = Cpu.millis(pid) - cpuBefore;
            render[i] = Cpu.threadMillis(pid, RENDER_THREADS) - renderBefore;
            System.out.printf("  %2d scenes, run %d: %d ms, service CPU %d ms, render thread %d ms%n", scenes, i + 1,
                    millis[i], cpu[i], render[i]);
        }
        long[] sortedMs = millis.clone();
        Arrays.sort(sortedMs);
        double videoSeconds = scenes * SECONDS_PER_SCENE;
        double cpuSeconds = Arrays.stream(cpu).average().orElse(0) / 1000.0;
        double renderSeconds = Arrays.stream(render).average().orElse(0) / 1000.0;
        return String.format("scenes=%d video_s=%.0f latency_ms median=%d min=%d max=%d service_cpu_s=%.2f "
                        + "render_thread_cpu_s=%.2f video_s_per_service_cpu_s=%.2f video_s_per_render_cpu_s=%.2f",
                scenes, videoSeconds, sortedMs[sortedMs.length / 2], sortedMs[0], sortedMs[sortedMs.length - 1],
                cpuSeconds, renderSeconds, videoSeconds / cpuSeconds, videoSeconds / renderSeconds);
    }

    /** Many jobs queued at once; seconds of video out per second of the service's CPU and of wall time. */
    private String throughput(HttpClient http, long pid) {
        System.out.printf("throughput: %d jobs of %d scenes queued at once%n", throughputJobs, throughputScenes);
        long cpuBefore = Cpu.millis(pid);
        long renderBefore = Cpu.threadMillis(pid, RENDER_THREADS);
        long started = System.nanoTime();
        List<Answer> answers = Flux.range(0, throughputJobs)
                .flatMap(i -> submit(http, throughputScenes, "throughput"))
                .collectList().block(Duration.ofMinutes(1));
        for (Answer answer : answers) {
            if (answer.status() != 202) {
                throw new IllegalStateException("not accepted: " + answer);
            }
        }
        awaitCompleted(answers.stream().map(Answer::jobId).toList());
        double wall = (System.nanoTime() - started) / 1e9;
        double cpu = (Cpu.millis(pid) - cpuBefore) / 1000.0;
        double renderCpu = (Cpu.threadMillis(pid, RENDER_THREADS) - renderBefore) / 1000.0;
        double video = (double) throughputJobs * throughputScenes * SECONDS_PER_SCENE;
        return String.format("jobs=%d video_s=%.0f wall_s=%.1f service_cpu_s=%.1f render_thread_cpu_s=%.1f "
                        + "video_s_per_service_cpu_s=%.2f video_s_per_render_cpu_s=%.2f video_s_per_wall_s=%.2f",
                throughputJobs, video, wall, cpu, renderCpu, video / cpu, video / renderCpu, video / wall);
    }

    private record Answer(int status, String jobId, String token) {
    }

    private Mono<Answer> submit(HttpClient http, int scenes, String kind) {
        long n = requestSeq.incrementAndGet();
        String token = tokens[(int) (n % tokens.length)];
        String body = "{\"prompt\":\"Bench " + kind + " " + n + ". A fox wakes up in the forest. It looks for food. "
                + "It finds a friend by the river. They share a meal. Night falls. They sleep under the stars. "
                + "Morning comes. The fox goes home. The end.\",\"lang\":\"en\",\"scenes\":" + scenes
                + ",\"vertical\":true,\"outputFormat\":\"mp4\"}";
        return http.headers(h -> h.set("Content-Type", "application/json").set("Authorization", "Bearer " + token)
                        .set("Idempotency-Key", "bench-" + runId + "-" + n))
                .post().uri("/api/v1/videos/generations")
                .send(ByteBufFlux.fromString(Mono.just(body)))
                .responseSingle((response, content) -> content.asString().defaultIfEmpty("").map(text -> {
                    Matcher id = JOB_ID.matcher(text);
                    return new Answer(response.status().code(), id.find() ? id.group(1) : null, token);
                }))
                .onErrorReturn(new Answer(-1, null, token));
    }

    /** Until every job's row is COMPLETED (PostgreSQL, every 50 ms: the service does no work for the waiting). */
    private static void awaitCompleted(List<String> jobIds) {
        String ids = String.join(",", jobIds.stream().map(id -> "'" + UUID.fromString(id) + "'").toList());
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (sql("SELECT count(*) FROM generation_job WHERE state = 'FAILED' AND id IN (" + ids + ")") > 0) {
                throw new IllegalStateException("a job failed; see the service's log");
            }
            if (sql("SELECT count(*) FROM generation_job WHERE state = 'COMPLETED' AND id IN (" + ids + ")")
                    == jobIds.size()) {
                return;
            }
            pause(50);
        }
        throw new IllegalStateException("jobs not completed within 10 min: " + jobIds);
    }

    /** credit-service's holds API as far as video-service needs it: every hold granted. */
    private DisposableServer creditHolds() {
        return HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes
                        .post("/api/v1/credits/holds", (request, response) -> request.receive().aggregate()
                                .asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                                .flatMap(body -> {
                                    holds.increment();
                                    return response.status(201).header("Content-Type", "application/json")
                                            .sendString(Mono.just("{\"holdId\":\"" + UUID.randomUUID()
                                                    + "\",\"credits\":1,\"state\":\"pending\"}")).then();
                                }))
                        .post("/api/v1/credits/holds/{id}/release", (request, response) -> response.status(200)
                                .header("Content-Type", "application/json")
                                .sendString(Mono.just("{\"holdId\":\"" + request.param("id")
                                        + "\",\"state\":\"released\"}"))))
                .bindNow();
    }

    private Children.Child startService(Children children, String name, int port, int renderWorkers, KafkaNode kafka,
            S3ProxyServer s3, DisposableServer creditHolds) throws IOException {
        String pg = "//" + env("PGHOST", "localhost") + ":" + env("PGPORT", "25434") + "/" + env("BENCH_DATABASE", "video");
        Map<String, String> e = new LinkedHashMap<>();
        e.putAll(Env.serviceOnDatabase(port, pg));
        e.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        e.put("PLINTH_SECURITY_JWKS_URI", TestTokens.jwksUri());
        e.put("EUREKA_CLIENT_ENABLED", "false");
        e.put("PLINTH_VIDEO_GENERATION_WORKERS", Integer.toString(renderWorkers));
        e.put("PLINTH_VIDEO_STORAGE_ENDPOINT", s3.endpoint().toString());
        e.put("PLINTH_VIDEO_STORAGE_ACCESS_KEY", s3.identity());
        e.put("PLINTH_VIDEO_STORAGE_SECRET_KEY", s3.credential());
        e.put("PLINTH_VIDEO_STORAGE_BUCKET", "bench-videos");
        e.put("PLINTH_VIDEO_GENERATION_WORK_DIRECTORY", Files.createTempDirectory("video-bench-renders").toString());
        // credit-service by name through the load balancer, as in production, from a fixed instance list.
        List<String> args = List.of("--spring.cloud.discovery.enabled=true",
                "--spring.cloud.discovery.client.simple.instances.credit-service[0].uri=http://127.0.0.1:"
                        + creditHolds.port());
        return children.start("video-service-" + name, env("BENCH_SERVICE_JAR",
                        "video-service/target/video-service-0.1.0-SNAPSHOT.jar"),
                env("BENCH_SERVICE_JAVA_OPTS", "-Xmx768m"), args, e, port, port, "/actuator/health/readiness",
                "/tmp/video-bench-service-" + name + ".log");
    }

    private static HttpClient client(ConnectionProvider pool, int port) {
        return HttpClient.create(pool).baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(60));
    }

    /** Until no job is being rendered (the one in flight when the queue was emptied). */
    private static void awaitIdle(Children.Child service) {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (jobs("RENDERING") > 0) {
            if (System.nanoTime() > deadline || !service.isAlive()) {
                throw new IllegalStateException("renders still in flight after 10 min");
            }
            pause(200);
        }
    }

    private static long jobs(String state) {
        return sql("SELECT count(*) FROM generation_job WHERE state = '" + state + "'");
    }

    private static int dropQueued() {
        return (int) sql("WITH gone AS (DELETE FROM generation_job WHERE state = 'QUEUED' RETURNING 1) "
                + "SELECT count(*) FROM gone");
    }

    private static long sql(String query) {
        String url = "jdbc:postgresql://" + env("PGHOST", "localhost") + ":" + env("PGPORT", "25434") + "/"
                + env("BENCH_DATABASE", "video");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, env("PGUSER", "postgres"),
                env("PGPASSWORD", "postgres")); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
