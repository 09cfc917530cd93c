package io.plinth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the CPU went, from Linux {@code /proc}: per process, and for a whole PostgreSQL server. */
final class Cpu {

    private Cpu() {
    }

    /** user + system CPU time of a process so far, or 0 when unknown. */
    static long millis(long pid) {
        return millis(pid, false);
    }

    /** With {@code reapedChildren}, also the CPU of children it has waited for (cutime + cstime). */
    static long millis(long pid, boolean reapedChildren) {
        if (pid < 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12])
                    + (reapedChildren ? Long.parseLong(f[13]) + Long.parseLong(f[14]) : 0);
            return ticks * 10; // USER_HZ = 100
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * CPU of the whole PostgreSQL server so far: the postmaster, its live children (backends,
     * WAL writer, checkpointer, autovacuum) and, through the postmaster's cutime/cstime, every
     * child that has exited. 0 when BENCH_PGDATA is unset or unreadable.
     */
    static long postgresMillis() {
        String dataDir = System.getenv("BENCH_PGDATA");
        if (dataDir == null) {
            return 0;
        }
        try {
            long postmaster = Long.parseLong(Files.readAllLines(Path.of(dataDir, "postmaster.pid")).get(0).trim());
            long total = millis(postmaster, true);
            for (ProcessHandle child : ProcessHandle.of(postmaster).map(p -> p.children().toList()).orElse(List.of())) {
                total += millis(child.pid(), false);
            }
            return total;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * CPU used so far by the service under test, the gateway (-1: none), this harness JVM (load
     * generator and Kafka broker) and the whole PostgreSQL server, in milliseconds.
     */
    record Sample(long service, long gateway, long harness, long postgres) {

        static Sample take(long servicePid, long gatewayPid) {
            return new Sample(millis(servicePid), millis(gatewayPid), millis(ProcessHandle.current().pid()),
                    postgresMillis());
        }

        /** What was used between {@code earlier} and this sample. */
        Sample since(Sample earlier) {
            return new Sample(service - earlier.service, gateway - earlier.gateway, harness - earlier.harness,
                    postgres - earlier.postgres);
        }
    }

    /** The p-th percentile of sorted nanosecond latencies, in milliseconds. */
    static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) ((long) sorted.length * p / 100))] / 1e6;
    }
}
