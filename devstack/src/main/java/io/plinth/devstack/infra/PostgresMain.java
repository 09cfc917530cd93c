package io.plinth.devstack.infra;

import io.plinth.embedded.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The PostgreSQL component of the devstack as its own process, so {@code ./plinth stop postgres}
 * is a real outage and its log is its own file. Arguments: {@code PORT DATA_DIR KEEP_DATA
 * DB1,DB2,...}. Runs until SIGTERM, then stops the server (fast shutdown).
 */
public final class PostgresMain {

    private PostgresMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 4) {
            System.err.println("usage: PostgresMain PORT DATA_DIR KEEP_DATA DATABASES");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path dataDir = Path.of(args[1]);
        boolean keepData = Boolean.parseBoolean(args[2]);

        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(port, dataDir, keepData);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("plinth: stopping PostgreSQL on port " + port);
            server.close();
            stopped.countDown();
        }, "postgres-shutdown"));
        for (String database : args[3].split(",")) {
            if (!database.isBlank()) {
                server.createDatabaseIfMissing(database.trim());
            }
        }
        System.out.println("plinth: PostgreSQL ready on port " + port + " with databases " + args[3]
                + ", data in " + dataDir);
        stopped.await();
    }
}
