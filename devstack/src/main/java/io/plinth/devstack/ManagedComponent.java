package io.plinth.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One child process and what the supervisor knows about it. Every transition happens under this
 * object's lock, so a stop from the control endpoint and the process dying on its own cannot
 * both claim the exit.
 *
 * <p>Public for the bench harnesses ({@code bench/}), which launch discovery, a service and the gateway
 * the way the devstack does rather than with a launcher of their own.
 */
public final class ManagedComponent {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);
    /** Writing a class-data-sharing archive at exit takes a while on a busy laptop (once per build). */
    private static final Duration GRACEFUL_STOP_RECORDING = Duration.ofSeconds(120);

    private final ComponentSpec spec;
    private final Path pidFile;
    private final Consumer<String> out;
    private final Path root;

    private Process process;
    private ComponentState state = ComponentState.STOPPED;
    private Integer exitCode;
    private Instant startedAt;
    private boolean stopRequested;
    private boolean recordingArchive;

    /**
     * @param runDir where {@code <name>.pid} is kept while the process runs
     * @param root   paths under it are shown relative to it in messages
     * @param out    where an unexpected exit is reported
     */
    public ManagedComponent(ComponentSpec spec, Path runDir, Path root, Consumer<String> out) {
        this.spec = spec;
        this.pidFile = runDir.resolve(spec.name() + ".pid");
        this.root = root;
        this.out = out;
    }

    ComponentSpec spec() {
        return spec;
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Launches the process and waits until its probe answers healthy.
     *
     * @return how long it took
     * @throws DevstackException if it exits or does not become healthy in time (it is stopped)
     */
    public Duration startAndAwait(Duration timeout) {
        Instant begin = Instant.now();
        Process started = launch();
        Instant deadline = begin.plus(timeout);
        while (true) {
            if (!started.isAlive()) {
                synchronized (this) {
                    if (stopRequested) {
                        throw new DevstackException(spec.name() + " was stopped while starting");
                    }
                    state = ComponentState.FAILED;
                }
                throw failure("exited with code " + started.exitValue() + " while starting");
            }
            if (spec.probe().healthy(Duration.ofSeconds(2))) {
                synchronized (this) {
                    if (process == started && state == ComponentState.STARTING) {
                        state = ComponentState.RUNNING;
                    }
                }
                return Duration.between(begin, Instant.now());
            }
            if (Instant.now().isAfter(deadline)) {
                stop();
                synchronized (this) {
                    state = ComponentState.FAILED;
                }
                throw failure("was not healthy after " + timeout.toSeconds() + " s (" + spec.probe().describe() + ")");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new DevstackException("interrupted while starting " + spec.name());
            }
        }
    }

    private synchronized Process launch() {
        if (process != null && process.isAlive()) {
            throw new DevstackException(spec.name() + " is already running (pid " + process.pid() + ")");
        }
        spec.requirePortsFree();
        try {
            Files.createDirectories(spec.workDir());
            Files.createDirectories(spec.logFile().getParent());
            Files.createDirectories(pidFile.getParent());
            Files.writeString(spec.logFile(),
                    System.lineSeparator() + "===== plinth: starting " + spec.name() + " on port " + spec.port()
                            + " at " + Instant.now() + " =====" + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            List<String> command = spec.launchCommand();
            recordingArchive = command.stream().anyMatch(arg -> arg.startsWith(BootImage.RECORD_FLAG));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(spec.workDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            builder.environment().putAll(spec.environment());
            Process launched = builder.start();
            Files.writeString(pidFile, Long.toString(launched.pid()));
            process = launched;
            state = ComponentState.STARTING;
            exitCode = null;
            stopRequested = false;
            startedAt = Instant.now();
            launched.onExit().thenAccept(this::exited);
            return launched;
        } catch (IOException e) {
            throw new DevstackException("could not launch " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    private void exited(Process exitedProcess) {
        boolean unexpected;
        synchronized (this) {
            if (exitedProcess != process) {
                return;
            }
            exitCode = exitedProcess.exitValue();
            unexpected = !stopRequested && state == ComponentState.RUNNING;
            if (stopRequested) {
                state = ComponentState.STOPPED;
            } else if (state == ComponentState.RUNNING) {
                state = ComponentState.EXITED;
            }
            deletePidFile();
        }
        if (unexpected) {
            out.accept(spec.name() + " exited unexpectedly (code " + exitCode + ") — see "
                    + display(spec.logFile()) + "; restart it with ./plinth start " + spec.name());
        }
    }

    /** Asks the process to stop (SIGTERM: Spring's graceful shutdown), then kills it if it hangs. */
    public void stop() {
        Process running;
        boolean recording;
        synchronized (this) {
            running = process;
            recording = recordingArchive;
            if (running == null || !running.isAlive()) {
                if (state != ComponentState.FAILED && state != ComponentState.EXITED) {
                    state = ComponentState.STOPPED;
                }
                return;
            }
            stopRequested = true;
            state = ComponentState.STOPPING;
        }
        boolean clean = terminate(running.toHandle(), recording ? GRACEFUL_STOP_RECORDING : GRACEFUL_STOP);
        if (clean && recording && spec.imageDir() != null) {
            BootImage.keepRecordedArchive(spec.imageDir());
        }
        synchronized (this) {
            if (process == running) {
                state = ComponentState.STOPPED;
                exitCode = running.exitValue();
                deletePidFile();
            }
        }
    }

    public synchronized ComponentStatus status(boolean probe) {
        boolean alive = process != null && process.isAlive();
        Boolean healthy = alive && probe ? spec.probe().healthy(Duration.ofSeconds(2)) : null;
        return new ComponentStatus(spec.name(), spec.port(), state, healthy,
                alive ? process.pid() : null,
                alive ? Duration.between(startedAt, Instant.now()) : null,
                exitCode, spec.url(), null);
    }

    /** The one line plus the log's tail that a failed start is reported with. */
    private DevstackException failure(String what) {
        StringBuilder message = new StringBuilder(spec.name()).append(' ').append(what)
                .append(" — see ").append(display(spec.logFile()));
        List<String> tail = LogTail.lastMeaningfulLines(spec.logFile(), 12);
        if (!tail.isEmpty()) {
            message.append("; last lines:");
            for (String line : tail) {
                // JSON log lines can be kilobytes long; the start of each says what happened.
                message.append(System.lineSeparator()).append("    ")
                        .append(line.length() > 240 ? line.substring(0, 240) + "…" : line);
            }
        }
        return new DevstackException(message.toString());
    }

    String display(Path path) {
        return path.startsWith(root) ? root.relativize(path).toString() : path.toString();
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * SIGTERM, wait, then SIGKILL — the descendants too, so a PostgreSQL server never outlives
     * the process that holds it.
     *
     * @return true if the process exited within the grace period, false if it had to be killed
     */
    static boolean terminate(ProcessHandle handle, Duration grace) {
        List<ProcessHandle> descendants = handle.descendants().toList();
        handle.destroy();
        boolean clean = true;
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            clean = false;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            handle.destroyForcibly();
            handle.onExit().join();
            clean = false;
        }
        for (ProcessHandle child : descendants) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        return clean;
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
