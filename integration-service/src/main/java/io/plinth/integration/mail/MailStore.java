package io.plinth.integration.mail;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@code mail_recipients} (the user projection) and {@code mail_deliveries} (the delivery log and queue). */
@Repository
class MailStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    /** A claimed delivery. */
    record Delivery(long id, String eventId, String tenantId, String userId, MailKind kind, String toEmail,
            Map<String, Object> data, int attempts) {
    }

    private final DatabaseClient db;

    MailStore(DatabaseClient db) {
        this.db = db;
    }

    /** The user's latest address; a later event wins, so an address change reaches the projection. */
    Mono<Void> remember(String userId, String tenantId, String email) {
        return db.sql("""
                        insert into mail_recipients (user_id, tenant_id, email) values (:user, :tenant, :email)
                        on conflict (user_id) do update set email = excluded.email,
                            tenant_id = coalesce(excluded.tenant_id, mail_recipients.tenant_id), updated_at = now()""")
                .bind("user", userId).bind("tenant", nullable(tenantId)).bind("email", email)
                .fetch().rowsUpdated().then();
    }

    /**
     * Queues a mail; {@code toEmail} null means "the user's address", read from the projection now (or, if it does not
     * know the user yet, when the mail is sent).
     */
    Mono<Void> enqueue(String eventId, String tenantId, String userId, MailKind kind, String toEmail, Map<String, Object> data) {
        return db.sql("""
                        insert into mail_deliveries (event_id, tenant_id, user_id, kind, to_email, data)
                        values (:event, :tenant, :user, :kind,
                                coalesce(:to, (select email from mail_recipients where user_id = :user)), :data)
                        on conflict (event_id, kind) do nothing""")
                .bind("event", eventId).bind("tenant", nullable(tenantId)).bind("user", nullable(userId))
                .bind("kind", kind.id()).bind("to", nullable(toEmail))
                .bind("data", Json.of(JSON.writeValueAsString(data)))
                .fetch().rowsUpdated().then();
    }

    /**
     * Claims up to {@code limit} due deliveries for {@code lease}: rows another worker holds are skipped, and a row
     * whose worker died is due again once its lease ran out. Counts the attempt now, so a crash counts too.
     */
    Flux<Delivery> claim(int limit, Duration lease) {
        return db.sql("""
                        update mail_deliveries d set locked_until = now() + make_interval(secs => :lease),
                            attempts = d.attempts + 1,
                            to_email = coalesce(d.to_email, (select email from mail_recipients r where r.user_id = d.user_id))
                        where d.id in (select id from mail_deliveries
                                       where status = 'pending' and next_attempt_at <= now()
                                         and (locked_until is null or locked_until < now())
                                       order by next_attempt_at limit :limit for update skip locked)
                        returning d.id, d.event_id, d.tenant_id, d.user_id, d.kind, d.to_email, d.data::text as data, d.attempts""")
                .bind("lease", (double) lease.toMillis() / 1000).bind("limit", limit)
                .map(MailStore::delivery).all();
    }

    Mono<Void> delivered(long id, String status, String transport, String subject, String messageId) {
        return db.sql("""
                        update mail_deliveries set status = :status, transport = :transport, subject = :subject,
                            provider_message_id = :messageId, delivered_at = now(), locked_until = null, last_error = null
                        where id = :id""")
                .bind("status", status).bind("transport", transport).bind("subject", nullable(subject))
                .bind("messageId", nullable(messageId)).bind("id", id)
                .fetch().rowsUpdated().then();
    }

    Mono<Void> retryIn(long id, Duration delay, String error) {
        return db.sql("""
                        update mail_deliveries set next_attempt_at = now() + make_interval(secs => :delay),
                            locked_until = null, last_error = :error
                        where id = :id""")
                .bind("delay", (double) delay.toMillis() / 1000).bind("error", error).bind("id", id)
                .fetch().rowsUpdated().then();
    }

    Mono<Void> failed(long id, String error) {
        return db.sql("update mail_deliveries set status = 'failed', locked_until = null, last_error = :error where id = :id")
                .bind("error", error).bind("id", id)
                .fetch().rowsUpdated().then();
    }

    private static Delivery delivery(Readable r) {
        return new Delivery(r.get("id", Long.class), r.get("event_id", String.class), r.get("tenant_id", String.class),
                r.get("user_id", String.class), MailKind.of(r.get("kind", String.class)), r.get("to_email", String.class),
                JSON.readValue(r.get("data", String.class), OBJECT), r.get("attempts", Integer.class));
    }

    private static org.springframework.r2dbc.core.Parameter nullable(String value) {
        return org.springframework.r2dbc.core.Parameter.fromOrEmpty(value, String.class);
    }

}
