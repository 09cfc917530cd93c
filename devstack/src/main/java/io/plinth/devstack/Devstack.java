package io.plinth.devstack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The whole platform on one machine: PostgreSQL, Kafka, Eureka, every service, the provider
 * sandbox and the gateway, each a child process with its own log, started stage by stage and
 * stopped in reverse. Used by {@code ./plinth up} (through {@link Main}) and by the e2e test.
 *
 * <pre>{@code
 * try (Devstack stack = Devstack.start(DevstackSettings.defaults(root).withFreePorts(), System.out::println)) {
 *     URI gateway = stack.url(Components.GATEWAY);
 * }
 * }</pre>
 */
public final class Devstack implements AutoCloseable {

    private final DevstackSettings settings;
    private final Consumer<String> out;
    private final Map<String, ManagedComponent> components = new LinkedHashMap<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "plinth-devstack");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean ready;
    private volatile boolean closed;

    private Devstack(DevstackSettings settings, Consumer<String> out) {
        this.settings = settings;
        this.out = out;
        for (ComponentSpec spec : Topology.of(settings)) {
            components.put(spec.name(), new ManagedComponent(spec, settings.runDir(), settings.root(), out));
        }
    }

    /**
     * Checks that everything is built and every port is free, and stops leftovers of an earlier
     * run that was killed, but starts nothing.
     *
     * @throws DevstackException naming what is missing or busy
     */
    public static Devstack create(DevstackSettings settings, Consumer<String> out) {
        Devstack devstack = new Devstack(settings, out);
        devstack.stopLeftovers();
        devstack.discardDataUnlessKept();
        for (ManagedComponent component : devstack.components.values()) {
            component.spec().requirePortsFree();
        }
        return devstack;
    }

    /** {@link #create} then {@link #startAll}; on failure everything already started is stopped. */
    public static Devstack start(DevstackSettings settings, Consumer<String> out) {
        Devstack devstack = create(settings, out);
        try {
            devstack.startAll();
            return devstack;
        } catch (RuntimeException e) {
            devstack.close();
            throw e;
        }
    }

    /**
     * Starts each stage in parallel and waits until all of it is healthy before the next.
     *
     * @throws DevstackException for the first stage with a component that failed, naming each
     */
    public void startAll() {
        Instant begin = Instant.now();
        for (List<ManagedComponent> stage : stages()) {
            List<String> names = stage.stream().map(c -> c.spec().name()).toList();
            out.accept("starting " + String.join(", ", names));
            // Fail fast: one broken service should not make you wait for the slowest healthy one.
            CompletableFuture<String> firstFailure = new CompletableFuture<>();
            List<CompletableFuture<Void>> starts = new ArrayList<>();
            for (ManagedComponent component : stage) {
                starts.add(CompletableFuture.runAsync(() -> {
                    try {
                        Duration took = component.startAndAwait(settings.startTimeout());
                        out.accept(String.format("  %-20s healthy on :%d after %.1f s",
                                component.spec().name(), component.spec().port(), took.toMillis() / 1000.0));
                    } catch (DevstackException e) {
                        firstFailure.complete(e.getMessage());
                    }
                }, workers));
            }
            CompletableFuture.anyOf(CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)), firstFailure).join();
            if (firstFailure.isDone()) {
                throw new DevstackException(firstFailure.join());
            }
            if (closed) {
                throw new DevstackException("stopped while starting");
            }
        }
        Instant routing = Instant.now();
        awaitRouted(routed());
        out.accept(String.format("  the gateway routes to all %d services and the console after %.1f s more", Components.SERVICES.size(),
                Duration.between(routing, Instant.now()).toMillis() / 1000.0));
        ready = true;
        out.accept(String.format("all %d components healthy in %.1f s", components.size(),
                Duration.between(begin, Instant.now()).toMillis() / 1000.0));
    }

    /**
     * Healthy is not yet reachable: the gateway learns about a (re)started service from its copy
     * of the Eureka registry, refreshed every few seconds, and answers 503 until then. Waits until
     * a public request through the gateway (the service's OpenAPI document) reaches each of
     * {@code services}; nothing to wait for while the gateway itself is not running.
     */
    private void awaitRouted(List<String> services) {
        ManagedComponent gateway = components.get(Components.GATEWAY);
        if (gateway == null || !gateway.isRunning()) {
            return;
        }
        Instant deadline = Instant.now().plus(settings.startTimeout());
        for (String service : services) {
            HealthProbe routed = HealthProbe.http(url(Components.GATEWAY).resolve(Components.routedProbePath(service)));
            while (!routed.healthy(Duration.ofSeconds(5))) {
                if (closed) {
                    throw new DevstackException("stopped while starting");
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new DevstackException("the gateway does not route to " + service + " ("
                            + routed.describe() + " is not 200 after " + settings.startTimeout().toSeconds()
                            + " s): see " + logFile(Components.GATEWAY) + " and " + logFile(service));
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DevstackException("interrupted while waiting for the gateway to route to " + service);
                }
            }
        }
    }

    /** Everything behind the gateway that this devstack runs: the services and the console. */
    private List<String> routed() {
        List<String> routed = new java.util.ArrayList<>(Components.SERVICES);
        if (components.containsKey(Components.CONSOLE)) {
            routed.add(Components.CONSOLE);
        }
        return routed;
    }

    /** The services a (re)started component must be reachable through the gateway for. */
    private List<String> routedBy(String name) {
        if (Components.SERVICES.contains(name) || Components.CONSOLE.equals(name)) {
            return List.of(name);
        }
        // Without their database the services are not ready, so Eureka and the gateway stopped routing to
        // them; they come back by themselves, a few seconds after PostgreSQL. Kafka never takes them out.
        if (Components.GATEWAY.equals(name) || Components.POSTGRES.equals(name)) {
            return Components.SERVICES.stream().filter(service -> components.get(service).isRunning()).toList();
        }
        return List.of();
    }

    /** True once {@link #startAll} has brought every component up. */
    public boolean isReady() {
        return ready;
    }

    /**
     * Starts one component (a service, {@code kafka} or {@code postgres}) and waits until healthy and, for a
     * service, the gateway or PostgreSQL, until the gateway routes to the service(s) again.
     */
    public Duration start(String name) {
        Instant begin = Instant.now();
        component(name).startAndAwait(settings.startTimeout());
        awaitRouted(routedBy(name));
        return Duration.between(begin, Instant.now());
    }

    /** Stops one component; it stays stopped until {@link #start} (no automatic restart). */
    public void stop(String name) {
        component(name).stop();
    }

    public Duration restart(String name) {
        ManagedComponent component = component(name);
        component.stop();
        return start(name);
    }

    /**
     * Every component, in start order, with a fresh health probe of the running ones and, for a
     * running service, its view of Kafka and its outbox backlog.
     */
    public List<ComponentStatus> status() {
        List<CompletableFuture<ComponentStatus>> probes = components.values().stream()
                .map(c -> CompletableFuture.supplyAsync(() -> withEvents(c.status(true)), workers))
                .toList();
        return probes.stream().map(CompletableFuture::join).toList();
    }

    private static ComponentStatus withEvents(ComponentStatus status) {
        if (!Components.SERVICES.contains(status.name()) || status.pid() == null || status.url() == null) {
            return status;
        }
        // The health document waits for the kafka check (2 s timeout by default) while the broker is away.
        return status.withEvents(EventFlow.read(status.url(), Duration.ofSeconds(5)));
    }

    public int port(String name) {
        return settings.port(name);
    }

    /** {@code http://localhost:PORT} of an HTTP component. */
    public URI url(String name) {
        return Optional.ofNullable(component(name).spec().url())
                .orElseThrow(() -> new IllegalArgumentException(name + " does not speak HTTP"));
    }

    public DevstackSettings settings() {
        return settings;
    }

    public Path logFile(String name) {
        return component(name).spec().logFile();
    }

    /** Stops everything, the gateway first and PostgreSQL and Kafka last. Safe to call twice. */
    @Override
    public void close() {
        closed = true;
        ready = false;
        List<List<ManagedComponent>> stages = new ArrayList<>(stages());
        java.util.Collections.reverse(stages);
        for (List<ManagedComponent> stage : stages) {
            List<CompletableFuture<Void>> stops = stage.stream()
                    .filter(ManagedComponent::isRunning)
                    .map(c -> CompletableFuture.runAsync(c::stop, workers))
                    .toList();
            try {
                CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                out.accept("while stopping: " + e.getCause());
            }
        }
        workers.shutdown();
        discardDataUnlessKept();
    }

    /**
     * Without {@link DevstackSettings#keepData()} the data lives for one run of the platform: it is
     * thrown away when the platform is created and when it is closed, but survives a stop and start
     * of PostgreSQL or Kafka in between, as a real outage would.
     */
    private void discardDataUnlessKept() {
        if (settings.keepData()) {
            return;
        }
        for (Path dir : List.of(settings.postgresDataDir(), settings.kafkaDataDir())) {
            if (!Files.exists(dir)) {
                continue;
            }
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            } catch (IOException e) {
                out.accept("could not delete " + dir + ": " + e.getMessage());
            }
        }
    }

    private List<List<ManagedComponent>> stages() {
        Map<Integer, List<ManagedComponent>> byStage = new TreeMap<>();
        for (ManagedComponent component : components.values()) {
            byStage.computeIfAbsent(component.spec().stage(), s -> new ArrayList<>()).add(component);
        }
        return List.copyOf(byStage.values());
    }

    private ManagedComponent component(String name) {
        Components.requireKnown(name);
        return components.get(name);
    }

    /**
     * A devstack killed with SIGKILL leaves its children running and holding the ports. Their pid
     * files name them; the command-line marker proves the pid was not reused by something else.
     */
    private void stopLeftovers() {
        Path runDir = settings.runDir();
        if (!Files.isDirectory(runDir)) {
            return;
        }
        for (String name : Components.ALL) {
            Path pidFile = runDir.resolve(name + ".pid");
            if (!Files.isRegularFile(pidFile)) {
                continue;
            }
            try {
                long pid = Long.parseLong(Files.readString(pidFile).trim());
                Optional<ProcessHandle> handle = ProcessHandle.of(pid);
                if (handle.isPresent() && handle.get().isAlive() && isOurs(handle.get(), name)) {
                    out.accept("stopping a leftover " + name + " (pid " + pid + ") from an earlier run");
                    ManagedComponent.terminate(handle.get(), Duration.ofSeconds(30));
                }
                Files.deleteIfExists(pidFile);
            } catch (IOException | NumberFormatException e) {
                out.accept("ignoring unreadable " + pidFile + ": " + e.getMessage());
            }
        }
    }

    private static boolean isOurs(ProcessHandle handle, String name) {
        String marker = Topology.COMPONENT_MARKER + name;
        ProcessHandle.Info info = handle.info();
        return info.commandLine().map(line -> line.contains(marker)).orElse(false)
                || info.arguments().map(args -> Stream.of(args).anyMatch(marker::equals)).orElse(false);
    }
}
