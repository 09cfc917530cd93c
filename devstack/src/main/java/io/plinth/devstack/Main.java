package io.plinth.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What {@code ./plinth} runs: {@code up} supervises the platform in this process;
 * {@code status|stop|start|restart|down|await} talk to a running {@code up}. Every problem ends
 * as one line starting with {@code plinth:} and a non-zero exit code, never a stack trace.
 */
public final class Main {

    static final int NOT_RUNNING = 3;

    private final PrintStream out = System.out;
    private final DevstackSettings settings;

    private Main(DevstackSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        // Before any logger exists: the Kafka admin client used by the health probe is chatty.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "off");
        Path root = Path.of(System.getProperty("plinth.root", ".")).toAbsolutePath().normalize();
        int code;
        try {
            Main main = new Main(DevstackSettings.fromEnvironment(root, System.getenv()));
            code = main.run(args.length == 0 ? List.of("help") : List.of(args));
        } catch (DevstackException e) {
            System.err.println("plinth: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    private int run(List<String> args) {
        String command = args.get(0);
        return switch (command) {
            case "up" -> up(args.contains("--detached"));
            case "status" -> status();
            case "down" -> down();
            case "stop", "start", "restart" -> {
                if (args.size() != 2) {
                    throw new DevstackException("usage: ./plinth " + command + " NAME — NAME is one of: "
                            + String.join(", ", Components.ALL));
                }
                Components.requireKnown(args.get(1));
                yield control(command, args.get(1));
            }
            case "await" -> awaitReady(Long.parseLong(args.get(1)));
            default -> throw new DevstackException("unknown command '" + command + "'");
        };
    }

    private int up(boolean detached) {
        Optional<ControlClient> running = ControlClient.find(settings);
        if (running.isPresent()) {
            throw new DevstackException("Plinth is already running (pid " + running.get().pid()
                    + ") — see ./plinth status, or stop it with ./plinth down");
        }
        Instant begin = Instant.now();
        Devstack devstack = Devstack.create(settings, line -> out.println("plinth: " + line));
        out.println("plinth: admin account " + settings.adminEmail() + " / " + settings.adminPassword()
                + " (PLINTH_ADMIN_EMAIL / PLINTH_ADMIN_PASSWORD)");

        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        ControlServer[] control = new ControlServer[1];
        Runnable shutdown = () -> {
            if (stopping.compareAndSet(false, true)) {
                out.println("plinth: stopping everything…");
                devstack.close();
                if (control[0] != null) {
                    control[0].stop();
                }
                out.println("plinth: stopped (data kept in " + display(settings.stateDir()) + ")");
            }
            stopped.countDown();
        };
        // Ctrl-C (forwarded by ./plinth as SIGTERM), kill, or System.exit: children never outlive us.
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "plinth-shutdown"));
        control[0] = ControlServer.start(devstack, () -> System.exit(0));

        try {
            devstack.startAll();
        } catch (DevstackException e) {
            System.err.println("plinth: " + e.getMessage());
            return 1;
        }
        out.println(String.format("plinth: Plinth is up (%.1f s):",
                Duration.between(begin, Instant.now()).toMillis() / 1000.0));
        out.println(StatusTable.summary(settings));
        out.println(detached
                ? "plinth: running in the background; ./plinth down stops it"
                : "plinth: Ctrl-C (or ./plinth down in another terminal) stops everything");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private int status() {
        Optional<ControlClient> client = ControlClient.find(settings);
        if (client.isEmpty()) {
            out.println("plinth: not running (./plinth up starts it)");
            return NOT_RUNNING;
        }
        ControlClient.Reply reply = call(() -> client.get().get("/status"));
        out.println(reply.body());
        if (!reply.ready()) {
            out.println("(still starting, or not every component is healthy)");
        }
        return 0;
    }

    private int control(String command, String name) {
        ControlClient client = ControlClient.find(settings)
                .orElseThrow(() -> new DevstackException("Plinth is not running (./plinth up starts it)"));
        if (!command.equals("stop")) {
            out.println("plinth: " + command + " " + name + "…");
        }
        ControlClient.Reply reply = call(() -> client.post("/" + command + "/" + name));
        if (reply.status() != 200) {
            throw new DevstackException(reply.body());
        }
        out.println("plinth: " + reply.body());
        return 0;
    }

    private int down() {
        Optional<ControlClient> client = ControlClient.find(settings);
        if (client.isEmpty()) {
            out.println("plinth: not running");
            return 0;
        }
        long pid = client.get().pid();
        call(() -> client.get().post("/down"));
        out.println("plinth: stopping (pid " + pid + ")…");
        ProcessHandle.of(pid).ifPresent(handle -> handle.onExit().join());
        out.println("plinth: stopped");
        return 0;
    }

    /** For {@code ./plinth up -d}: waits until the detached devstack is healthy, or reports why it died. */
    private int awaitReady(long pid) {
        Path log = settings.logFile("devstack");
        while (true) {
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            if (!alive) {
                System.err.println("plinth: the devstack stopped during start-up — see " + display(log) + "; last lines:");
                LogTail.lastLines(log, 20).forEach(line -> System.err.println("    " + line));
                return 1;
            }
            Optional<ControlClient> client = ControlClient.find(settings);
            if (client.isPresent() && client.get().pid() == pid) {
                try {
                    if (client.get().get("/status").ready()) {
                        out.println("plinth: Plinth is up:");
                        out.println(client.get().get("/summary").body());
                        out.println("plinth: running in the background (pid " + pid + "); ./plinth down stops it");
                        return 0;
                    }
                } catch (IOException e) {
                    // not answering yet: keep waiting while the process lives
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
    }

    private interface Call {
        ControlClient.Reply run() throws IOException;
    }

    private static ControlClient.Reply call(Call call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new DevstackException(e.getMessage(), e);
        }
    }

    private String display(Path path) {
        return path.startsWith(settings.root()) ? settings.root().relativize(path).toString() : path.toString();
    }
}
