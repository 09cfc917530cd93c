package io.plinth.auth.tenant;

import java.time.Clock;
import java.util.regex.Pattern;

import io.plinth.auth.refusal.AuthException;
import io.plinth.auth.refusal.Refusal;
import io.plinth.web.FieldViolation;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Tenants: the default one exists from the first migration; platform admins create others. */
@Service
public class TenantDirectory {

    public static final String DEFAULT_TENANT = "default";
    private static final Pattern ID = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");

    private final DatabaseClient db;
    private final Clock clock;

    TenantDirectory(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Mono<Boolean> exists(String tenantId) {
        return db.sql("select 1 from tenants where id = :id").bind("id", tenantId)
                .map(row -> true).one().defaultIfEmpty(false);
    }

    Mono<Tenant> create(String id, String name) {
        if (id == null || !ID.matcher(id).matches()) {
            return Mono.error(AuthException.invalid(java.util.List.of(FieldViolation.of("tenantId", "invalid",
                    "2-63 characters: lower-case letters, digits and '-'"))));
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            return Mono.error(AuthException.invalid(java.util.List.of(FieldViolation.of("name", "required",
                    "A name of at most 200 characters is required"))));
        }
        Tenant tenant = new Tenant(id, name.trim(), clock.instant());
        return db.sql("insert into tenants (id, name, created_at) values (:id, :name, :at)")
                .bind("id", tenant.id()).bind("name", tenant.name()).bind("at", tenant.createdAt())
                .fetch().rowsUpdated()
                .thenReturn(tenant)
                .onErrorMap(DataIntegrityViolationException.class,
                        e -> new AuthException(Refusal.TENANT_EXISTS, "A tenant with this id already exists"));
    }

    Flux<Tenant> list() {
        return db.sql("select id, name, created_at from tenants order by id")
                .map(row -> new Tenant(row.get("id", String.class), row.get("name", String.class),
                        row.get("created_at", java.time.Instant.class)))
                .all();
    }

    record Tenant(String id, String name, java.time.Instant createdAt) {
    }
}
