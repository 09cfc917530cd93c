package io.plinth.auth.account;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Admins' search of their tenant's users by email: a case-insensitive substring of the address, in address order,
 * a page at a time. The cursor is the last address of the page (opaque to callers), so a page never repeats or
 * skips a user while others sign up. Reads only; never the password hash.
 */
@Component
class UserDirectory {

    record Found(UUID id, String email, String tier, List<String> roles, boolean emailVerified, Instant createdAt) {
    }

    record Page(List<Found> items, String nextCursor) {
    }

    private final DatabaseClient db;

    UserDirectory(DatabaseClient db) {
        this.db = db;
    }

    Mono<Page> search(String tenantId, String emailFragment, String afterEmail, int limit) {
        String pattern = "%" + EmailAddress.normalize(emailFragment)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return db.sql("""
                        select id, email, email_normalized, tier, roles, email_verified, created_at from users
                        where tenant_id = :tenant and email_normalized like :pattern escape '\\'
                          and email_normalized > :after
                        order by email_normalized limit :limit""")
                .bind("tenant", tenantId)
                .bind("pattern", pattern)
                .bind("after", afterEmail == null ? "" : afterEmail)
                .bind("limit", limit + 1)
                .map(row -> {
                    String[] roles = row.get("roles", String[].class);
                    return new Row(row.get("email_normalized", String.class), new Found(row.get("id", UUID.class),
                            row.get("email", String.class), row.get("tier", String.class),
                            roles == null ? List.of() : Arrays.asList(roles),
                            Boolean.TRUE.equals(row.get("email_verified", Boolean.class)),
                            row.get("created_at", Instant.class)));
                })
                .all().collectList()
                .map(rows -> {
                    boolean more = rows.size() > limit;
                    List<Row> page = more ? rows.subList(0, limit) : rows;
                    String next = more ? encode(page.get(page.size() - 1).normalized()) : null;
                    return new Page(page.stream().map(Row::user).toList(), next);
                });
    }

    private record Row(String normalized, Found user) {
    }

    static String encode(String lastEmail) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastEmail.getBytes(StandardCharsets.UTF_8));
    }

    /** The address a cursor stands for, or empty when it is not one this directory issued. */
    static Optional<String> decode(String cursor) {
        try {
            String email = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            return email.isEmpty() || email.length() > 320 ? Optional.empty() : Optional.of(email);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
