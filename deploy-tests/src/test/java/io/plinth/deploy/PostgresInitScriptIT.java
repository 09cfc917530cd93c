package io.plinth.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.plinth.deploy.Architecture.Workload;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * docker/postgres-init.sh run as the postgres image runs it (bash, psql as the superuser) against a real
 * PostgreSQL 17: every service gets a role that owns its database and nothing else.
 */
class PostgresInitScriptIT {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void runTheInitScript() throws Exception {
        assumeTrue(onPath("psql") || System.getenv("CI") != null, "psql is not installed");
        postgres = EmbeddedPostgres.builder().start();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("POSTGRES_USER", "postgres");
        env.put("POSTGRES_DB", "postgres");
        env.put("PGHOST", "localhost");
        env.put("PGPORT", String.valueOf(postgres.getPort()));
        for (Workload w : Architecture.SERVICES) {
            env.put(w.database().toUpperCase(java.util.Locale.ROOT) + "_DB_PASSWORD", "pw-" + w.database() + "-'quote");
        }
        Path script = Architecture.root().resolve("docker/postgres-init.sh");
        ProcessBuilder run = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        run.environment().putAll(env);
        Process process = run.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    @AfterAll
    static void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void eachServiceRoleOwnsItsDatabaseAndCanMigrateIt() throws SQLException {
        for (Workload w : Architecture.SERVICES) {
            try (Connection c = connect(w.database(), w.database()); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE flyway_probe (id int primary key)");
                s.execute("INSERT INTO flyway_probe VALUES (1)");
                ResultSet owner = s.executeQuery(
                        "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()");
                owner.next();
                assertThat(owner.getString(1)).isEqualTo(w.database());
            }
        }
    }

    @Test
    void noServiceRoleCanConnectToAnotherDatabase() {
        for (Workload w : Architecture.SERVICES) {
            for (Workload other : Architecture.SERVICES) {
                if (other != w) {
                    assertThatThrownBy(() -> connect(w.database(), other.database()).close())
                            .as("%s into %s", w.database(), other.database())
                            .hasMessageContaining("permission denied");
                }
            }
            assertThatThrownBy(() -> connect(w.database(), "postgres").close()).hasMessageContaining("permission denied");
        }
    }

    @Test
    void serviceRolesHoldNoClusterPrivileges() throws SQLException {
        try (Connection c = connect("postgres", "postgres"); Statement s = c.createStatement()) {
            for (Workload w : Architecture.SERVICES) {
                ResultSet role = s.executeQuery("SELECT rolsuper, rolcreatedb, rolcreaterole, rolreplication, "
                        + "rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = '" + w.database() + "'");
                assertThat(role.next()).as("role %s exists", w.database()).isTrue();
                for (int i = 1; i <= 5; i++) {
                    assertThat(role.getBoolean(i)).as("%s privilege #%d", w.database(), i).isFalse();
                }
                assertThat(role.getBoolean(6)).isTrue();
            }
        }
    }

    private static Connection connect(String user, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database,
                user, "pw-" + user + "-'quote");
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (java.nio.file.Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
