package io.plinth.bench;

import java.util.Map;

/**
 * One credit-bench scenario as the report line {@code run-credit-bench.sh} parses: throughput, every
 * status, latency, where the CPU went per answered request, and spends per database call.
 */
record CreditResult(ClosedLoop.Outcome outcome, Cpu.Sample cpu, double meanSpendBatch) {

    String line(String name) {
        ClosedLoop.Outcome o = outcome;
        long ok = o.ok();
        double perRequest = o.answered() == 0 ? 0 : 1.0 / o.answered();
        // The gateway idles during the direct runs; its CPU means something only through it.
        String extra = (name.startsWith("gw-")
                ? String.format(" gateway_cpu_ms_per_req=%.2f", cpu.gateway() * perRequest) : "")
                + (name.endsWith("mixed")
                ? String.format(" hot_ok_per_s=%.0f spread_ok_per_s=%.0f", o.evenClientOk() / o.seconds(),
                        (ok - o.evenClientOk()) / o.seconds())
                : "");
        // The harness JVM also runs the Kafka broker the service publishes to.
        return String.format("%-9s ok_per_s=%.0f statuses=%s server_errors=%d p50_ms=%.1f p99_ms=%.1f "
                        + "service_cpu_ms_per_req=%.2f postgres_cpu_ms_per_req=%.2f harness_cpu_ms_per_req=%.2f "
                        + "spends_per_batch=%.1f%s", name,
                ok / o.seconds(), o.statuses(), o.serverErrors(), Cpu.percentile(o.latencies(), 50),
                Cpu.percentile(o.latencies(), 99), cpu.service() * perRequest, cpu.postgres() * perRequest,
                cpu.harness() * perRequest, meanSpendBatch, extra);
    }

    /** For printing in scenario order. */
    static void print(Map<String, CreditResult> results) {
        results.forEach((name, r) -> System.out.println(r.line(name)));
    }
}
