package io.plinth.devstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Executors;

/**
 * Lets {@code ./plinth status|stop|start|restart|down} in another terminal talk to the running
 * {@code up}. Loopback only, on a port the system picks; the port, a random token and the pid
 * are written to {@code .plinth/run/control} (owner-readable), and every request must carry the
 * token, so other local users cannot stop your platform.
 */
final class ControlServer {

    static final String TOKEN_HEADER = "X-Plinth-Token";
    static final String READY_HEADER = "X-Plinth-Ready";

    private final HttpServer server;
    private final Path controlFile;

    private ControlServer(HttpServer server, Path controlFile) {
        this.server = server;
        this.controlFile = controlFile;
    }

    static Path controlFile(DevstackSettings settings) {
        return settings.runDir().resolve("control");
    }

    static ControlServer start(Devstack devstack, Runnable down) {
        try {
            byte[] secret = new byte[16];
            new SecureRandom().nextBytes(secret);
            String token = HexFormat.of().formatHex(secret);
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
            server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "plinth-control");
                thread.setDaemon(true);
                return thread;
            }));
            server.createContext("/", exchange -> handle(exchange, token, devstack, down));
            server.start();

            Path file = controlFile(devstack.settings());
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the token still keeps out anyone who cannot read the file
            }
            Files.writeString(file, server.getAddress().getPort() + " " + token + " " + ProcessHandle.current().pid());
            return new ControlServer(server, file);
        } catch (IOException e) {
            throw new DevstackException("could not open the control endpoint: " + e.getMessage(), e);
        }
    }

    void stop() {
        try {
            Files.deleteIfExists(controlFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.stop(0);
    }

    private static void handle(HttpExchange exchange, String token, Devstack devstack, Runnable down) throws IOException {
        try (exchange) {
            if (!token.equals(exchange.getRequestHeaders().getFirst(TOKEN_HEADER))) {
                respond(exchange, 403, "wrong or missing control token");
                return;
            }
            String[] path = exchange.getRequestURI().getPath().substring(1).split("/");
            String method = exchange.getRequestMethod();
            try {
                switch (path[0]) {
                    case "status" -> {
                        String table = StatusTable.format(devstack.status());
                        exchange.getResponseHeaders().add(READY_HEADER, Boolean.toString(devstack.isReady()));
                        respond(exchange, 200, table);
                    }
                    case "summary" -> respond(exchange, 200, StatusTable.summary(devstack.settings()));
                    case "stop", "start", "restart" -> {
                        if (!"POST".equals(method) || path.length != 2) {
                            respond(exchange, 405, "POST /" + path[0] + "/NAME");
                            return;
                        }
                        String name = path[1];
                        respond(exchange, 200, switch (path[0]) {
                            case "stop" -> {
                                devstack.stop(name);
                                yield name + " stopped";
                            }
                            case "start" -> name + " healthy after " + seconds(devstack.start(name));
                            default -> name + " restarted, healthy after " + seconds(devstack.restart(name));
                        });
                    }
                    case "down" -> {
                        respond(exchange, 202, "stopping everything");
                        new Thread(down, "plinth-down").start();
                    }
                    default -> respond(exchange, 404, "unknown command " + path[0]);
                }
            } catch (DevstackException e) {
                respond(exchange, 409, e.getMessage());
            }
        }
    }

    private static String seconds(java.time.Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = (body + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream body0 = exchange.getResponseBody()) {
            body0.write(bytes);
        }
    }
}
