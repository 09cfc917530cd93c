package io.plinth.test;

import javax.sql.DataSource;

/**
 * The PostgreSQL server of this test JVM (embedded or a container, see {@link PlatformInfrastructure#mode()}).
 * One server, many databases: every Spring test context gets its own, and a test may make more with
 * {@link PlatformInfrastructure#newDatabase()}.
 */
public interface PostgresServer {

    String host();

    int port();

    /** A superuser, allowed to create databases. */
    String username();

    String password();

    String jdbcUrl(String database);

    String r2dbcUrl(String database);

    /** Creates the database unless it exists; concurrent callers with the same name are fine. */
    void createDatabaseIfMissing(String database);

    /** An unpooled JDBC data source on {@code database}, for assertions and set-up in tests. */
    DataSource dataSource(String database);
}
