package io.plinth.integration.docusign;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** {@code envelopes}. */
@Repository
class EnvelopeStore {

    private static final String COLUMNS = """
            id, tenant_id, user_id, envelope_id, account_id, template_id, recipient_name, recipient_email, course_id,
            status, decline_reason, created_at, updated_at""";

    private final DatabaseClient db;

    EnvelopeStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Envelope> insert(Envelope e) {
        return db.sql("insert into envelopes (" + COLUMNS + ") values (:id, :tenant, :user, :envelopeId, :account,"
                        + " :template, :name, :email, :course, :status, null, :at, :at) returning " + COLUMNS)
                .bind("id", e.id()).bind("tenant", e.tenantId()).bind("user", e.userId())
                .bind("envelopeId", e.envelopeId()).bind("account", e.accountId()).bind("template", e.templateId())
                .bind("name", e.recipientName()).bind("email", e.recipientEmail())
                .bind("course", Parameter.fromOrEmpty(e.courseId(), String.class)).bind("status", e.status())
                .bind("at", utc(e.createdAt()))
                .map(EnvelopeStore::row).one();
    }

    Mono<Envelope> find(String tenantId, UUID id) {
        return db.sql("select " + COLUMNS + " from envelopes where tenant_id = :tenant and id = :id")
                .bind("tenant", tenantId).bind("id", id).map(EnvelopeStore::row).one();
    }

    Mono<Envelope> findByEnvelopeId(String envelopeId) {
        return db.sql("select " + COLUMNS + " from envelopes where envelope_id = :envelopeId")
                .bind("envelopeId", envelopeId).map(EnvelopeStore::row).one();
    }

    /**
     * Moves the envelope to {@code to} only if it is in one of {@code from}: one guarded statement, so of two
     * deliveries racing to report the same end, exactly one gets the row back.
     */
    Mono<Envelope> move(String envelopeId, Set<EnvelopeStatus> from, EnvelopeStatus to, String declineReason, Instant at) {
        return db.sql("update envelopes set status = :to, decline_reason = coalesce(:reason, decline_reason),"
                        + " updated_at = :at where envelope_id = :envelopeId and status = any(:from) returning " + COLUMNS)
                .bind("to", to.id())
                .bind("reason", Parameter.fromOrEmpty(declineReason, String.class))
                .bind("at", utc(at)).bind("envelopeId", envelopeId)
                .bind("from", from.stream().map(EnvelopeStatus::id).toArray(String[]::new))
                .map(EnvelopeStore::row).one();
    }

    private static Envelope row(Readable r) {
        return new Envelope(r.get("id", UUID.class), r.get("tenant_id", String.class), r.get("user_id", String.class),
                r.get("envelope_id", String.class), r.get("account_id", String.class), r.get("template_id", String.class),
                r.get("recipient_name", String.class), r.get("recipient_email", String.class),
                r.get("course_id", String.class), r.get("status", String.class), r.get("decline_reason", String.class),
                instant(r, "created_at"), instant(r, "updated_at"));
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Readable r, String column) {
        return r.get(column, OffsetDateTime.class).toInstant();
    }
}
