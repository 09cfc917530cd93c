package io.plinth.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/** The harnesses' knobs (environment variables, see bench/README.md) and the ports they run on. */
final class Env {

    private Env() {
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /**
     * What every service JVM a harness starts needs: its port, and its database for R2DBC and Flyway alike
     * ({@code pg} is {@code //host:port/database}; user and password from PGUSER and PGPASSWORD).
     */
    static Map<String, String> serviceOnDatabase(int port, String pg) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("SERVER_PORT", Integer.toString(port));
        e.put("SPRING_R2DBC_URL", "r2dbc:postgresql:" + pg);
        e.put("SPRING_FLYWAY_URL", "jdbc:postgresql:" + pg);
        e.put("SPRING_R2DBC_USERNAME", env("PGUSER", "postgres"));
        e.put("SPRING_R2DBC_PASSWORD", env("PGPASSWORD", "postgres"));
        e.put("SPRING_FLYWAY_USER", env("PGUSER", "postgres"));
        e.put("SPRING_FLYWAY_PASSWORD", env("PGPASSWORD", "postgres"));
        return e;
    }

    static int intEnv(String name, int fallback) {
        return Integer.parseInt(env(name, Integer.toString(fallback)));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A fixed port from the environment, else a free one; never one of the devstack's. */
    static int portEnv(String name) throws IOException {
        String value = System.getenv(name);
        int port = value == null || value.isBlank() ? freePort() : Integer.parseInt(value.trim());
        if ((port >= 8080 && port <= 8090) || port == 8761 || port == 9092 || port == 15432) {
            throw new IllegalArgumentException(name + "=" + port + " is a devstack port");
        }
        return port;
    }

    /** A harness's run, then the JVM's exit: 0 when it finished, 1 with the stack when it threw. */
    interface Run {
        void run() throws Exception;
    }

    static void runAndExit(Run harness) {
        int status = 0;
        try {
            harness.run();
        } catch (Exception | Error e) {
            e.printStackTrace();
            status = 1;
        }
        // Brokers, JWKS servers and HTTP clients keep non-daemon threads; the harness is done either way.
        System.exit(status);
    }
}
