package io.plinth.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 server run from the zonky embedded binaries, shared by the devstack (fixed port, data kept
 * on disk so a restart loses nothing) and platform-test (random port, throw-away data directory).
 *
 * <p>Authentication is {@code trust} on localhost (zonky's {@code initdb -A trust}): the user is {@value #USER} and
 * any password is accepted, so service configuration can carry one or not.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    /** Ignored by the server (trust authentication); offered so clients that insist on a password have one. */
    public static final String PASSWORD = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(90);
    private static final Duration ORPHAN_SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /**
     * Starts PostgreSQL on {@code port} (0 picks a free one) with its cluster in {@code dataDir}.
     *
     * @param keepData {@code true}: reuse the cluster already in {@code dataDir} (initdb runs only when the directory
     *                 holds none) and keep it on {@link #close()}, with durable commits. {@code false}: a fresh cluster
     *                 that is deleted on close, tuned for speed (no fsync) because tests never need crash safety.
     */
    public static EmbeddedPostgresServer start(int port, Path dataDir, boolean keepData) {
        try {
            Files.createDirectories(dataDir);
            if (keepData) {
                stopOrphanedPostmaster(dataDir);
            }
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(!keepData)
                    .setPGStartupWait(STARTUP_WAIT)
                    // Concurrency tests open many pools at once; every service in the devstack has its own pools too.
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("timezone", "UTC")
                    // Byte-order collation: the same sort order on every machine, whatever its locale.
                    .setLocaleConfig("locale", "C");
            if (port != 0) {
                builder.setPort(port);
            }
            if (keepData) {
                // The devstack's data must survive a crash of the devstack, not only a clean stop.
                builder.setServerConfig("synchronous_commit", "on");
            } else {
                builder.setServerConfig("fsync", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("synchronous_commit", "off");
            }
            EmbeddedPostgres postgres = builder.start();
            log.info("PostgreSQL started on port {} with data in {}", postgres.getPort(), dataDir);
            return new EmbeddedPostgresServer(postgres, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start in " + dataDir, e);
        }
    }

    /**
     * A devstack killed with SIGKILL leaves its postmaster running and holding the data directory, so the next start
     * would fail on the existing {@code postmaster.pid}. Only a live process whose command is {@code postgres} is
     * stopped: a stale pid file of a dead process is handled by PostgreSQL itself.
     */
    private static void stopOrphanedPostmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        Optional<ProcessHandle> postmaster = Files.readAllLines(pidFile).stream()
                .findFirst()
                .map(String::trim)
                .filter(line -> line.matches("\\d+"))
                .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
        if (postmaster.isEmpty()) {
            return;
        }
        log.warn("Stopping orphaned PostgreSQL (pid {}) still holding {}", postmaster.get().pid(), dataDir);
        // SIGTERM is PostgreSQL's "smart" shutdown: it waits for clients, which belonged to the dead devstack.
        postmaster.get().destroy();
        try {
            postmaster.get().onExit().get(ORPHAN_SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping orphaned PostgreSQL", e);
        } catch (ExecutionException | TimeoutException e) {
            postmaster.get().destroyForcibly();
            throw new IOException("Orphaned PostgreSQL in " + dataDir + " did not stop; killed it, start again", e);
        }
    }

    /** Creates the database unless it exists; safe when several callers race for the same name. */
    public void createDatabaseIfMissing(String name) {
        requireValidName(name);
        try (Connection connection = adminDataSource().getConnection()) {
            if (exists(connection, name)) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE \"" + name + "\"");
                log.debug("Created database {}", name);
            } catch (SQLException e) {
                // Lost the race with another creator: the database is there, which is all the caller asked for.
                if (!DUPLICATE_DATABASE.equals(e.getSQLState()) && !UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
    }

    private static boolean exists(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void requireValidName(String name) {
        if (name == null || !DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "Database name must be lower-case letters, digits and underscores (max 63): " + name);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String host() {
        return "localhost";
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String jdbcUrl(String database) {
        requireValidName(database);
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    public String r2dbcUrl(String database) {
        requireValidName(database);
        return "r2dbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    /** A plain, unpooled JDBC data source on {@code database}, for start-up work and tests. */
    public DataSource dataSource(String database) {
        requireValidName(database);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {host()});
        dataSource.setPortNumbers(new int[] {port()});
        dataSource.setDatabaseName(database);
        dataSource.setUser(USER);
        dataSource.setPassword(PASSWORD);
        return dataSource;
    }

    private DataSource adminDataSource() {
        return dataSource("postgres");
    }

    /** Stops the server (a fast shutdown); the data directory is deleted unless the server was started to keep it. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        }
    }
}
