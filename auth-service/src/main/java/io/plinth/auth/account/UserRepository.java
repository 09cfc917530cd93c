package io.plinth.auth.account;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
class UserRepository {

    private static final String COLUMNS =
            "id, tenant_id, email, phone, password_hash, roles, tier, email_verified, created_at";

    private final DatabaseClient db;

    UserRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<User> findByEmail(String normalizedEmail) {
        return db.sql("select " + COLUMNS + " from users where email_normalized = :email")
                .bind("email", normalizedEmail)
                .map(UserRepository::map).one();
    }

    Mono<User> findById(UUID id) {
        return db.sql("select " + COLUMNS + " from users where id = :id")
                .bind("id", id)
                .map(UserRepository::map).one();
    }

    Mono<Void> insert(User user, String normalizedEmail) {
        var spec = db.sql("""
                        insert into users (id, tenant_id, email, email_normalized, phone, password_hash, roles, tier,
                                           email_verified, created_at, updated_at)
                        values (:id, :tenant, :email, :norm, :phone, :hash, :roles, :tier, :verified, :at, :at)""")
                .bind("id", user.id())
                .bind("tenant", user.tenantId())
                .bind("email", user.email())
                .bind("norm", normalizedEmail)
                .bind("hash", user.passwordHash())
                .bind("roles", user.roles().toArray(String[]::new))
                .bind("tier", user.tier())
                .bind("verified", user.emailVerified())
                .bind("at", user.createdAt());
        spec = user.phone() == null ? spec.bindNull("phone", String.class) : spec.bind("phone", user.phone());
        return spec.fetch().rowsUpdated().then();
    }

    Mono<Long> markEmailVerified(UUID id, Instant at) {
        return db.sql("update users set email_verified = true, updated_at = :at where id = :id")
                .bind("id", id).bind("at", at)
                .fetch().rowsUpdated();
    }

    Mono<Long> updatePassword(UUID id, String hash, Instant at) {
        return db.sql("update users set password_hash = :hash, updated_at = :at where id = :id")
                .bind("id", id).bind("hash", hash).bind("at", at)
                .fetch().rowsUpdated();
    }

    private static User map(Readable row) {
        String[] roles = row.get("roles", String[].class);
        return new User(row.get("id", UUID.class), row.get("tenant_id", String.class), row.get("email", String.class),
                row.get("phone", String.class), row.get("password_hash", String.class),
                roles == null ? List.of() : Arrays.asList(roles), row.get("tier", String.class),
                Boolean.TRUE.equals(row.get("email_verified", Boolean.class)), row.get("created_at", Instant.class));
    }
}
