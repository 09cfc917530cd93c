package io.plinth.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;

import io.plinth.test.PlatformInfrastructure;

/**
 * A database made by an older release (all platform migrations but the newest, then the service's
 * own V1) must start with the new release: the new platform migration sorts below V1.
 */
class PlatformMigrationUpgradeIT {

    @TempDir
    Path oldRelease;

    @TempDir
    Path serviceMigrations;

    private Resource newest;

    @BeforeEach
    void anOlderReleaseMigratedThisDatabase() throws IOException {
        Resource[] platform = new PathMatchingResourcePatternResolver().getResources("classpath:db/platform/V*.sql");
        List<Resource> ordered = Arrays.stream(platform)
                .sorted(Comparator.comparing(Resource::getFilename)).toList();
        assertThat(ordered).as("platform migrations").hasSizeGreaterThan(1);
        newest = ordered.get(ordered.size() - 1);
        for (Resource migration : ordered.subList(0, ordered.size() - 1)) {
            try (InputStream in = migration.getInputStream()) {
                Files.copy(in, oldRelease.resolve(migration.getFilename()));
            }
        }
        Files.writeString(serviceMigrations.resolve("V1__service.sql"), "create table service_thing (id int primary key);");
    }

    @Test
    void aNewPlatformMigrationIsAppliedToADatabaseThatAlreadyHasTheServicesOwn() {
        DataSource db = PlatformInfrastructure.postgres().dataSource(PlatformInfrastructure.newDatabase("upgrade"));
        migrate(db, false, "filesystem:" + oldRelease, "filesystem:" + serviceMigrations);

        migrate(db, outOfOrderDefault(), "classpath:db/platform", "filesystem:" + serviceMigrations);

        String newestVersion = newest.getFilename().substring(1, newest.getFilename().indexOf("__")).replace('_', '.');
        assertThat(new JdbcTemplate(db).queryForObject(
                "select success from flyway_schema_history where version = ?", Boolean.class, newestVersion)).isTrue();
    }

    @Test
    void withoutOutOfOrderTheSameUpgradeFailsToStart() {
        DataSource db = PlatformInfrastructure.postgres().dataSource(PlatformInfrastructure.newDatabase("upgrade"));
        migrate(db, false, "filesystem:" + oldRelease, "filesystem:" + serviceMigrations);

        assertThatThrownBy(() -> migrate(db, false, "classpath:db/platform", "filesystem:" + serviceMigrations))
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("not applied");
    }

    private static boolean outOfOrderDefault() {
        return Boolean.parseBoolean(String.valueOf(
                PlatformDefaultsEnvironmentPostProcessor.defaults("json").get("spring.flyway.out-of-order")));
    }

    private static void migrate(DataSource db, boolean outOfOrder, String... locations) {
        Flyway.configure().dataSource(db).locations(locations).outOfOrder(outOfOrder).load().migrate();
    }
}
