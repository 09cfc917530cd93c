package io.plinth.auth.apps;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class AppRepository {

    private static final String COLUMNS =
            "id, tenant_id, name, domain, permissions, created_at, key_rotated_at, revoked_at, api_key_hash";

    record AppWithKeyHash(App app, String apiKeyHash) {
    }

    private final DatabaseClient db;

    AppRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(App app, String apiKeyHash) {
        return db.sql("""
                        insert into apps (id, tenant_id, name, domain, permissions, api_key_hash, created_at)
                        values (:id, :tenant, :name, :domain, :perms, :hash, :at)""")
                .bind("id", app.id()).bind("tenant", app.tenantId()).bind("name", app.name())
                .bind("domain", app.domain()).bind("perms", app.permissions().toArray(String[]::new))
                .bind("hash", apiKeyHash).bind("at", app.createdAt())
                .fetch().rowsUpdated().then();
    }

    Mono<AppWithKeyHash> findById(UUID id) {
        return db.sql("select " + COLUMNS + " from apps where id = :id").bind("id", id)
                .map(AppRepository::map).one();
    }

    Flux<App> listByTenant(String tenantId) {
        return db.sql("select " + COLUMNS + " from apps where tenant_id = :tenant order by created_at")
                .bind("tenant", tenantId)
                .map(row -> map(row).app()).all();
    }

    Mono<Long> replaceKey(UUID id, String tenantId, String apiKeyHash, Instant at) {
        return db.sql("""
                        update apps set api_key_hash = :hash, key_rotated_at = :at
                        where id = :id and tenant_id = :tenant and revoked_at is null""")
                .bind("id", id).bind("tenant", tenantId).bind("hash", apiKeyHash).bind("at", at)
                .fetch().rowsUpdated();
    }

    Mono<Long> revoke(UUID id, String tenantId, Instant at) {
        return db.sql("update apps set revoked_at = :at where id = :id and tenant_id = :tenant and revoked_at is null")
                .bind("id", id).bind("tenant", tenantId).bind("at", at)
                .fetch().rowsUpdated();
    }

    private static AppWithKeyHash map(Readable row) {
        String[] perms = row.get("permissions", String[].class);
        App app = new App(row.get("id", UUID.class), row.get("tenant_id", String.class), row.get("name", String.class),
                row.get("domain", String.class), perms == null ? List.of() : Arrays.asList(perms),
                row.get("created_at", Instant.class), row.get("key_rotated_at", Instant.class),
                row.get("revoked_at", Instant.class));
        return new AppWithKeyHash(app, row.get("api_key_hash", String.class));
    }
}
