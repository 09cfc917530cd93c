package io.plinth.payment.payments;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code payments} table. State changes are one guarded UPDATE each, so concurrent events settle on the row. */
@Repository
class PaymentStore {

    private static final String COLUMNS = """
            id, tenant_id, user_id, provider, price_id, product_id, kind, mode, quantity, amount_minor, currency,
            credits, tier, entitlement, status, provider_ref, provider_payment_id, refunded_minor, failure_reason,
            created_at, updated_at, entitlements, items""";

    private final DatabaseClient db;

    PaymentStore(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts unless a payment with this id exists; either way answers the stored row. */
    Mono<Payment> insert(Payment p) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        INSERT INTO payments (%s)
                        VALUES (:id, :tenant, :user, :provider, :price, :product, :kind, :mode, :quantity, :amount,
                            :currency, :credits, :tier, :entitlement, :status, :ref, :providerPayment, 0, null, :now, :now,
                            :entitlements, :items)
                        ON CONFLICT (id) DO NOTHING""".formatted(COLUMNS))
                .bind("id", p.id())
                .bind("tenant", p.tenantId())
                .bind("user", p.userId())
                .bind("provider", p.provider())
                .bind("price", p.priceId())
                .bind("product", p.productId())
                .bind("kind", p.kind())
                .bind("mode", p.mode())
                .bind("quantity", p.quantity())
                .bind("amount", p.amountMinor())
                .bind("currency", p.currency())
                .bind("credits", p.credits())
                .bind("status", p.status().wire())
                .bind("now", p.createdAt().atOffset(ZoneOffset.UTC))
                .bind("entitlements", p.entitlements().toArray(String[]::new));
        spec = nullable(spec, "items", p.items().isEmpty() ? null : LineItems.toJson(p.items()));
        spec = nullable(spec, "tier", p.tier());
        spec = nullable(spec, "entitlement", p.entitlement());
        spec = nullable(spec, "ref", p.providerRef());
        spec = nullable(spec, "providerPayment", p.providerPaymentId());
        return spec.fetch().rowsUpdated().then(byId(p.id()));
    }

    private static DatabaseClient.GenericExecuteSpec nullable(DatabaseClient.GenericExecuteSpec spec, String name,
            String value) {
        return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
    }

    Mono<Payment> byId(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM payments WHERE id = :id")
                .bind("id", id)
                .map(PaymentStore::row)
                .one();
    }

    /** Reads and locks the row until the caller's transaction ends: events about one payment apply one at a time. */
    Mono<Payment> lock(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM payments WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .map(PaymentStore::row)
                .one();
    }

    /** The owner's payment: another user's or tenant's is simply not found. */
    Mono<Payment> owned(String tenantId, String userId, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM payments WHERE id = :id AND tenant_id = :tenant AND user_id = :user")
                .bind("id", id)
                .bind("tenant", tenantId)
                .bind("user", userId)
                .map(PaymentStore::row)
                .one();
    }

    /** The provider accepted the attempt and named it. */
    Mono<Payment> attachProviderRef(UUID id, String ref, Instant now) {
        return db.sql("UPDATE payments SET provider_ref = :ref, updated_at = :now WHERE id = :id AND provider_ref IS NULL "
                        + "RETURNING " + COLUMNS)
                .bind("ref", ref)
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .bind("id", id)
                .map(PaymentStore::row)
                .one();
    }

    /** Removes a pending payment the provider never accepted (its request failed): nothing half-written stays. */
    Mono<Long> discardUnsent(UUID id) {
        return db.sql("DELETE FROM payments WHERE id = :id AND status = 'pending' AND provider_ref IS NULL")
                .bind("id", id)
                .fetch().rowsUpdated();
    }

    Flux<Payment> pendingBefore(String provider, Instant before, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM payments WHERE provider = :provider AND status = 'pending' "
                        + "AND created_at < :before ORDER BY created_at LIMIT :limit")
                .bind("provider", provider)
                .bind("before", before.atOffset(ZoneOffset.UTC))
                .bind("limit", limit)
                .map(PaymentStore::row)
                .all();
    }

    /** A payment of the tenant, for its admins; another tenant's is not found. */
    Mono<Payment> inTenant(String tenantId, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM payments WHERE id = :id AND tenant_id = :tenant")
                .bind("id", id)
                .bind("tenant", tenantId)
                .map(PaymentStore::row)
                .one();
    }

    Mono<Payment> byProviderRef(String provider, String ref) {
        return db.sql("SELECT " + COLUMNS + " FROM payments WHERE provider = :provider AND provider_ref = :ref")
                .bind("provider", provider)
                .bind("ref", ref)
                .map(PaymentStore::row)
                .one();
    }

    Mono<Payment> byProviderPayment(String provider, String providerPaymentId) {
        return db.sql("SELECT " + COLUMNS + " FROM payments WHERE provider = :provider AND provider_payment_id = :pp")
                .bind("provider", provider)
                .bind("pp", providerPaymentId)
                .map(PaymentStore::row)
                .one();
    }

    /** Newest first, keyset-paged on (created_at, id). */
    Flux<Payment> page(String tenantId, String userId, Instant beforeTime, UUID beforeId, int limit) {
        String after = beforeTime == null ? "" : " AND (created_at, id) < (:beforeTime, :beforeId)";
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT " + COLUMNS
                        + " FROM payments WHERE tenant_id = :tenant AND user_id = :user" + after
                        + " ORDER BY created_at DESC, id DESC LIMIT :limit")
                .bind("tenant", tenantId)
                .bind("user", userId)
                .bind("limit", limit);
        if (beforeTime != null) {
            spec = spec.bind("beforeTime", beforeTime.atOffset(ZoneOffset.UTC)).bind("beforeId", beforeId);
        }
        return spec.map(PaymentStore::row).all();
    }

    /** The tenant's payments for its admins, newest first, keyset-paged; null filters match everything. */
    Flux<Payment> tenantPage(String tenantId, String status, String provider, String userId, Instant beforeTime,
            UUID beforeId, int limit) {
        StringBuilder where = new StringBuilder(" WHERE tenant_id = :tenant");
        if (status != null) {
            where.append(" AND status = :status");
        }
        if (provider != null) {
            where.append(" AND provider = :provider");
        }
        if (userId != null) {
            where.append(" AND user_id = :user");
        }
        if (beforeTime != null) {
            where.append(" AND (created_at, id) < (:beforeTime, :beforeId)");
        }
        DatabaseClient.GenericExecuteSpec spec = db.sql("SELECT " + COLUMNS + " FROM payments" + where
                        + " ORDER BY created_at DESC, id DESC LIMIT :limit")
                .bind("tenant", tenantId)
                .bind("limit", limit);
        if (status != null) {
            spec = spec.bind("status", status);
        }
        if (provider != null) {
            spec = spec.bind("provider", provider);
        }
        if (userId != null) {
            spec = spec.bind("user", userId);
        }
        if (beforeTime != null) {
            spec = spec.bind("beforeTime", beforeTime.atOffset(ZoneOffset.UTC)).bind("beforeId", beforeId);
        }
        return spec.map(PaymentStore::row).all();
    }

    /**
     * Moves the payment to {@code target} if it is in one of the states {@link PaymentStatus} allows
     * it from; empty when the move is not allowed (the row is left as it was).
     */
    Mono<Payment> transition(UUID id, PaymentStatus target, String providerPaymentId, long refundedMinor,
            String failureReason, Instant now) {
        List<String> sources = PaymentStatus.sourcesOf(target).stream().map(PaymentStatus::wire).toList();
        if (sources.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        UPDATE payments SET status = :target,
                            provider_payment_id = coalesce(nullif(:providerPayment, ''), provider_payment_id),
                            refunded_minor = greatest(refunded_minor, :refunded),
                            failure_reason = nullif(:reason, ''),
                            updated_at = :now
                        WHERE id = :id AND status IN (:sources)
                        RETURNING %s""".formatted(COLUMNS))
                .bind("target", target.wire())
                .bind("providerPayment", providerPaymentId == null ? "" : providerPaymentId)
                .bind("refunded", refundedMinor)
                .bind("reason", failureReason == null ? "" : failureReason)
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .bind("id", id)
                .bind("sources", sources)
                .map(PaymentStore::row)
                .one();
    }

    /**
     * Records a refund total reported by the provider. Totals only grow: an older (smaller) report
     * arriving late changes nothing, and a fully refunded payment never moves again.
     */
    Mono<Payment> refund(UUID id, PaymentStatus target, long totalRefundedMinor, Instant now) {
        List<String> sources = PaymentStatus.sourcesOf(target).stream().map(PaymentStatus::wire).toList();
        return db.sql("""
                        UPDATE payments SET status = :target, refunded_minor = :total, updated_at = :now
                        WHERE id = :id AND status IN (:sources) AND refunded_minor < :total AND :total <= amount_minor
                        RETURNING %s""".formatted(COLUMNS))
                .bind("target", target.wire())
                .bind("total", totalRefundedMinor)
                .bind("now", now.atOffset(ZoneOffset.UTC))
                .bind("id", id)
                .bind("sources", sources)
                .map(PaymentStore::row)
                .one();
    }

    private static Payment row(Readable row) {
        return new Payment(row.get("id", UUID.class), row.get("tenant_id", String.class),
                row.get("user_id", String.class), row.get("provider", String.class), row.get("price_id", String.class),
                row.get("product_id", String.class), row.get("kind", String.class), row.get("mode", String.class),
                row.get("quantity", Integer.class), row.get("amount_minor", Long.class),
                row.get("currency", String.class), row.get("credits", Long.class), emptyToNull(row.get("tier", String.class)),
                emptyToNull(row.get("entitlement", String.class)), PaymentStatus.parse(row.get("status", String.class)),
                emptyToNull(row.get("provider_ref", String.class)),
                emptyToNull(row.get("provider_payment_id", String.class)), row.get("refunded_minor", Long.class),
                row.get("failure_reason", String.class), row.get("created_at", java.time.OffsetDateTime.class).toInstant(),
                row.get("updated_at", java.time.OffsetDateTime.class).toInstant(),
                entitlements(row.get("entitlements", String[].class)), LineItems.fromJson(row.get("items", String.class)));
    }

    /** Rows from before the column existed have none: the single {@code entitlement} stands for the list. */
    private static List<String> entitlements(String[] stored) {
        return stored == null ? null : List.of(stored);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
