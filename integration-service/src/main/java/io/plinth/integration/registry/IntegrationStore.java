package io.plinth.integration.registry;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code integrations} and {@code integration_audit}. */
@Repository
class IntegrationStore {

    private static final String COLUMNS = """
            tenant_id, integration_key, enabled, credentials_key_id, credentials_nonce, credentials_ciphertext,
            settings::text as settings, last_test_ok, last_test_latency_ms, last_test_message, last_tested_at,
            created_at, updated_at""";

    private final DatabaseClient db;

    IntegrationStore(DatabaseClient db) {
        this.db = db;
    }

    Flux<IntegrationRow> findAll(String tenantId) {
        return db.sql("select " + COLUMNS + " from integrations where tenant_id = :tenant order by integration_key")
                .bind("tenant", tenantId).map(IntegrationStore::row).all();
    }

    Mono<IntegrationRow> find(String tenantId, IntegrationKey key) {
        return db.sql("select " + COLUMNS + " from integrations where tenant_id = :tenant and integration_key = :key")
                .bind("tenant", tenantId).bind("key", key.id()).map(IntegrationStore::row).one();
    }

    /**
     * The row (if any), with this tenant's integration locked until the transaction ends, so concurrent writers take
     * turns and each sees the one before: a transaction-scoped advisory lock rather than {@code for update}, because
     * there is no row to lock before the first write, and two first writes must not both think they created it.
     */
    Mono<IntegrationRow> lock(String tenantId, IntegrationKey key) {
        return db.sql("select pg_advisory_xact_lock(hashtext('plinth.integrations'), hashtext(:tenant || '/' || :key))")
                .bind("tenant", tenantId).bind("key", key.id()).fetch().rowsUpdated()
                .then(find(tenantId, key));
    }

    Mono<IntegrationRow> upsert(String tenantId, IntegrationKey key, boolean enabled, CredentialCipher.Sealed sealed,
            String settingsJson, Instant at) {
        return db.sql("insert into integrations (tenant_id, integration_key, enabled, credentials_key_id, credentials_nonce,"
                        + " credentials_ciphertext, settings, created_at, updated_at) values (:tenant, :key, :enabled, :keyId,"
                        + " :nonce, :ciphertext, cast(:settings as jsonb), :at, :at)"
                        + " on conflict (tenant_id, integration_key) do update set enabled = excluded.enabled,"
                        + " credentials_key_id = excluded.credentials_key_id, credentials_nonce = excluded.credentials_nonce,"
                        + " credentials_ciphertext = excluded.credentials_ciphertext, settings = excluded.settings,"
                        + " updated_at = excluded.updated_at returning " + COLUMNS)
                .bind("tenant", tenantId).bind("key", key.id()).bind("enabled", enabled)
                .bind("keyId", sealed.keyId()).bind("nonce", sealed.nonce()).bind("ciphertext", sealed.ciphertext())
                .bind("settings", settingsJson).bind("at", at.atOffset(ZoneOffset.UTC))
                .map(IntegrationStore::row).one();
    }

    Mono<Void> recordTest(String tenantId, IntegrationKey key, TestResult result, Instant at) {
        return db.sql("update integrations set last_test_ok = :ok, last_test_latency_ms = :latency,"
                        + " last_test_message = :message, last_tested_at = :at where tenant_id = :tenant and integration_key = :key")
                .bind("ok", result.ok()).bind("latency", (int) Math.min(Integer.MAX_VALUE, result.latencyMs()))
                .bind("message", result.message()).bind("at", at.atOffset(ZoneOffset.UTC))
                .bind("tenant", tenantId).bind("key", key.id())
                .fetch().rowsUpdated().then();
    }

    /** Who did what to which integration, when; {@code changesJson} never holds a secret. */
    Mono<Void> audit(String tenantId, IntegrationKey key, String actor, String action, String changesJson, Instant at) {
        return db.sql("insert into integration_audit (tenant_id, integration_key, actor, action, changes, at)"
                        + " values (:tenant, :key, :actor, :action, cast(:changes as jsonb), :at)")
                .bind("tenant", tenantId).bind("key", key.id()).bind("actor", actor).bind("action", action)
                .bind("changes", changesJson).bind("at", at.atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated().then();
    }

    /** Up to {@code limit} rows sealed with an older key this instance holds, locked; others' locked rows skipped. */
    Flux<IntegrationRow> lockSealedWithOtherKeys(String activeKeyId, java.util.Collection<String> knownKeyIds, int limit) {
        return db.sql("select " + COLUMNS + " from integrations where credentials_key_id <> :active"
                        + " and credentials_key_id = any(:known) order by tenant_id, integration_key limit :limit"
                        + " for update skip locked")
                .bind("active", activeKeyId).bind("known", knownKeyIds.toArray(String[]::new)).bind("limit", limit)
                .map(IntegrationStore::row).all();
    }

    /** Replaces the ciphertext only if the row is still sealed with {@code fromKeyId}. */
    Mono<Boolean> reseal(String tenantId, IntegrationKey key, String fromKeyId, CredentialCipher.Sealed sealed) {
        return db.sql("update integrations set credentials_key_id = :keyId, credentials_nonce = :nonce,"
                        + " credentials_ciphertext = :ciphertext where tenant_id = :tenant and integration_key = :key"
                        + " and credentials_key_id = :from")
                .bind("keyId", sealed.keyId()).bind("nonce", sealed.nonce()).bind("ciphertext", sealed.ciphertext())
                .bind("tenant", tenantId).bind("key", key.id()).bind("from", fromKeyId)
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    Mono<Long> countSealedWith(String keyId) {
        return db.sql("select count(*) as n from integrations where credentials_key_id = :keyId").bind("keyId", keyId)
                .map(r -> r.get("n", Long.class)).one();
    }

    private static IntegrationRow row(Readable r) {
        return new IntegrationRow(r.get("tenant_id", String.class),
                IntegrationKey.fromId(r.get("integration_key", String.class)).orElseThrow(),
                Boolean.TRUE.equals(r.get("enabled", Boolean.class)),
                new CredentialCipher.Sealed(r.get("credentials_key_id", String.class), bytes(r, "credentials_nonce"),
                        bytes(r, "credentials_ciphertext")),
                r.get("settings", String.class), r.get("last_test_ok", Boolean.class),
                r.get("last_test_latency_ms", Integer.class), r.get("last_test_message", String.class),
                instant(r, "last_tested_at"), instant(r, "created_at"), instant(r, "updated_at"));
    }

    private static byte[] bytes(Readable r, String column) {
        java.nio.ByteBuffer buffer = r.get(column, java.nio.ByteBuffer.class);
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    private static Instant instant(Readable r, String column) {
        OffsetDateTime t = r.get(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
