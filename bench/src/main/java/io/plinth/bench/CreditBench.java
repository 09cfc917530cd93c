package io.plinth.bench;

import static io.plinth.bench.Env.intEnv;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Consumes per second against credit-service: one hot wallet, 10 000 spread wallets, and one hot
 * wallet among the spread ones; then, unless BENCH_SKIP_GATEWAY=1, the same three through the real
 * gateway (its rate limit off: this is a load test of one user from one address, and the default
 * 20/s per user and 50/s per address would measure the limiter, not the gateway). The gateway runs
 * are measured after the direct ones, with the same warm-up, against the same service instance.
 *
 * <p>The parts: {@link CreditPlatform} (what runs, through the devstack's launcher), {@link CreditWallets}
 * (seeding), {@link ClosedLoop} (load), {@link Cpu} and {@link SpendBatches} (where the CPU went,
 * spends per database call), {@link CreditResult} (the report lines {@code run-credit-bench.sh} reads).
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

    public static void main(String[] args) {
        Env.runAndExit(() -> new CreditBench().run());
    }

    private void run() throws Exception {
        Children children = new Children();
        // Stop the children on any exit, also on SIGTERM from the script's time limit.
        Runtime.getRuntime().addShutdownHook(new Thread(children::close));
        try (children; CreditPlatform platform = CreditPlatform.start(children, clients, viaGateway)) {
            ConnectionProvider pool = ConnectionProvider.builder("bench").maxConnections(clients * 2)
                    .pendingAcquireMaxCount(-1).build();
            HttpClient direct = HttpClient.create(pool).baseUrl(platform.target()).responseTimeout(Duration.ofSeconds(30));
            if (platform.servicePid() < 0) {
                awaitOk(direct, "/actuator/health/readiness", null, "credit-service ready", null);
            }
            CreditWallets users = CreditWallets.seed(direct, runId, wallets);
            HttpClient gateway = null;
            if (platform.gateway() != null) {
                gateway = HttpClient.create(pool).baseUrl(platform.gateway()).responseTimeout(Duration.ofSeconds(30));
                awaitOk(gateway, "/api/v1/credits/balance", users.hot(), "gateway routes /api/v1/credits/balance (200)",
                        platform.gatewayChild());
            }

            Map<String, CreditResult> results = new LinkedHashMap<>();
            runScenarios(results, "", platform, direct, direct, users);
            if (gateway != null) {
                System.out.println("-- the same through the gateway at " + platform.gateway());
                runScenarios(results, "gw-", platform, gateway, direct, users);
            }

            System.out.println();
            System.out.println("RESULTS target=" + platform.target()
                    + (platform.gateway() != null ? " gateway=" + platform.gateway() : "")
                    + " clients=" + clients + " warmup=" + warmup.toSeconds() + "s duration=" + duration.toSeconds() + "s");
            CreditResult.print(results);
            pool.dispose();
        }
    }

    /** @param service straight to credit-service, for its spend-batch metric whichever way the load goes */
    private void runScenarios(Map<String, CreditResult> results, String prefix, CreditPlatform platform,
            HttpClient http, HttpClient service, CreditWallets users) {
        String via = prefix.isEmpty() ? "" : " (via gateway)";
        // Half the clients on the hot wallet, half spread: what a hot wallet does to its neighbours.
        IntFunction<String> mixed = client -> client % 2 == 0 ? users.hot() : users.anySpread();
        if (!jitWarmup.isZero()) {
            scenario(platform, http, service, "JIT warm-up, not reported" + via, jitWarmup, Duration.ZERO, mixed);
        }
        results.put(prefix + "hot", scenario(platform, http, service, "hot wallet" + via, warmup, duration,
                client -> users.hot()));
        results.put(prefix + "spread", scenario(platform, http, service, "spread over " + wallets + " wallets" + via,
                warmup, duration, client -> users.anySpread()));
        results.put(prefix + "mixed", scenario(platform, http, service, "one hot wallet among " + wallets + via,
                warmup, duration, mixed));
    }

    private CreditResult scenario(CreditPlatform platform, HttpClient http, HttpClient service, String label,
            Duration warmup, Duration duration, IntFunction<String> tokenForClient) {
        System.out.printf("%s: %d clients, %ds warm-up, %ds measured%n", label, clients, warmup.toSeconds(),
                duration.toSeconds());
        Cpu.Sample[] cpuAtStart = {Cpu.Sample.take(platform.servicePid(), platform.gatewayPid())};
        SpendBatches[] batchesAtStart = {SpendBatches.read(service)};
        ClosedLoop.Outcome outcome = ClosedLoop.run(clients, warmup, duration,
                client -> consume(http, tokenForClient.apply(client)), () -> {
                    cpuAtStart[0] = Cpu.Sample.take(platform.servicePid(), platform.gatewayPid());
                    batchesAtStart[0] = SpendBatches.read(service);
                });
        Cpu.Sample cpu = Cpu.Sample.take(platform.servicePid(), platform.gatewayPid()).since(cpuAtStart[0]);
        return new CreditResult(outcome, cpu, SpendBatches.read(service).meanSince(batchesAtStart[0]));
    }

    private static Mono<Integer> consume(HttpClient http, String token) {
        return http.headers(h -> h.set("Authorization", "Bearer " + token)
                        .set("Content-Type", "application/json")
                        .set("Idempotency-Key", UUID.randomUUID().toString()))
                .post().uri(CONSUME)
                .send(ByteBufFlux.fromString(Mono.just("{\"credits\":1,\"service\":\"bench\"}")))
                .responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                        .map(text -> response.status().code()))
                .onErrorReturn(-1);
    }

    /** Until {@code path} answers 200 (with {@code token}, when given), for at most 3 minutes. */
    private static void awaitOk(HttpClient http, String path, String token, String what, Children.Child process)
            throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + Duration.ofMinutes(3).toNanos();
        int status = -1;
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(process.name() + " exited while waiting for: " + what);
            }
            Integer s = http.headers(h -> {
                        if (token != null) {
                            h.set("Authorization", "Bearer " + token);
                        }
                    })
                    .get().uri(path)
                    .responseSingle((r, b) -> b.asString().defaultIfEmpty("").map(x -> r.status().code()))
                    .onErrorReturn(-1).block();
            status = s == null ? -1 : s;
            if (status == 200) {
                System.out.printf("%s after %.0f s%n", what, (System.nanoTime() - started) / 1e9);
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException(what + ": not within 3 min; last status " + status);
    }
}
