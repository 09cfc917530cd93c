package io.plinth.integration.notion;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@code notion_sync}: per platform object, the page it should be, the page it is, and the queue state. */
@Repository
class NotionSyncStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    /** A claimed sync. */
    record Claimed(long id, String tenantId, String objectType, String objectId, String target,
            Map<String, Object> properties, int version, String pageId, int attempts, boolean createSent) {
    }

    record Failure(String objectType, String objectId, String target, String status, int attempts, String lastError,
            Instant at) {
    }

    private final DatabaseClient db;

    NotionSyncStore(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Wants the object's page to carry {@code properties} (merged over what earlier events set): a new object is
     * queued; a known one is queued again only if something changed (or it had failed), so a replay costs no call.
     */
    Mono<Void> want(String tenantId, NotionPages.Wanted wanted) {
        return db.sql("""
                        insert into notion_sync (tenant_id, object_type, object_id, target, properties)
                        values (:tenant, :type, :object, :target, :properties)
                        on conflict (tenant_id, object_type, object_id) do update set
                            properties = notion_sync.properties || excluded.properties,
                            version = notion_sync.version + 1, status = 'pending', attempts = 0,
                            next_attempt_at = now(), last_error = null, updated_at = now()
                        where notion_sync.properties || excluded.properties <> notion_sync.properties
                           or notion_sync.status = 'failed'""")
                .bind("tenant", tenantId).bind("type", wanted.objectType()).bind("object", wanted.objectId())
                .bind("target", wanted.target()).bind("properties", Json.of(JSON.writeValueAsString(wanted.properties())))
                .fetch().rowsUpdated().then();
    }

    /** Due syncs, leased; rows another worker holds are skipped. Counts the attempt now, so a crash counts too. */
    Flux<Claimed> claim(int limit, Duration lease) {
        return db.sql("""
                        update notion_sync s set locked_until = now() + make_interval(secs => :lease), attempts = s.attempts + 1
                        where s.id in (select id from notion_sync
                                       where status = 'pending' and next_attempt_at <= now()
                                         and (locked_until is null or locked_until < now())
                                       order by next_attempt_at, id limit :limit for update skip locked)
                        returning s.id, s.tenant_id, s.object_type, s.object_id, s.target, s.properties::text as properties,
                                  s.version, s.page_id, s.attempts, s.create_sent""")
                .bind("lease", (double) lease.toMillis() / 1000).bind("limit", limit)
                .map(NotionSyncStore::claimed).all();
    }

    /**
     * The page now shows {@code version}. If a newer event arrived meanwhile the row stays pending (its page is known
     * now, so the next round updates it); otherwise it is synced.
     */
    Mono<Void> synced(long id, int version, String pageId) {
        return db.sql("""
                        update notion_sync set page_id = :page, synced_version = :version, synced_at = now(),
                            locked_until = null, last_error = null, updated_at = now(),
                            status = case when version = :version then 'synced' else 'pending' end,
                            attempts = case when version = :version then attempts else 0 end
                        where id = :id""")
                .bind("page", pageId).bind("version", version).bind("id", id)
                .fetch().rowsUpdated().then();
    }

    /** A create is about to go out: if its answer is lost, the next attempt looks for the page before creating. */
    Mono<Void> createSent(long id) {
        return db.sql("update notion_sync set create_sent = true where id = :id").bind("id", id).fetch().rowsUpdated().then();
    }

    /** The page exists (found or created) but this attempt did not finish: keep the page id whatever happens next. */
    Mono<Void> pageKnown(long id, String pageId) {
        return db.sql("update notion_sync set page_id = :page where id = :id and page_id is null")
                .bind("page", pageId).bind("id", id).fetch().rowsUpdated().then();
    }

    Mono<Void> retryIn(long id, Duration delay, String error) {
        return db.sql("""
                        update notion_sync set next_attempt_at = now() + make_interval(secs => :delay), locked_until = null,
                            last_error = :error, updated_at = now()
                        where id = :id""")
                .bind("delay", (double) delay.toMillis() / 1000).bind("error", error).bind("id", id)
                .fetch().rowsUpdated().then();
    }

    Mono<Void> failed(long id, String error) {
        return db.sql("""
                        update notion_sync set status = 'failed', locked_until = null, last_error = :error, updated_at = now()
                        where id = :id""")
                .bind("error", error).bind("id", id).fetch().rowsUpdated().then();
    }

    Mono<Map<String, Long>> counts(String tenantId) {
        return db.sql("select status, count(*) as n from notion_sync where tenant_id = :tenant group by status")
                .bind("tenant", tenantId)
                .map(r -> Map.entry(r.get("status", String.class), r.get("n", Long.class)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** The latest failures: given up, or pending a retry after an error. */
    Mono<List<Failure>> recentFailures(String tenantId, int limit) {
        return db.sql("""
                        select object_type, object_id, target, status, attempts, last_error, updated_at from notion_sync
                        where tenant_id = :tenant and last_error is not null and status <> 'synced'
                        order by updated_at desc limit :limit""")
                .bind("tenant", tenantId).bind("limit", limit)
                .map(r -> new Failure(r.get("object_type", String.class), r.get("object_id", String.class),
                        r.get("target", String.class), r.get("status", String.class), r.get("attempts", Integer.class),
                        r.get("last_error", String.class), r.get("updated_at", OffsetDateTime.class).toInstant()))
                .all().collectList();
    }

    private static Claimed claimed(Readable r) {
        return new Claimed(r.get("id", Long.class), r.get("tenant_id", String.class), r.get("object_type", String.class),
                r.get("object_id", String.class), r.get("target", String.class),
                JSON.readValue(r.get("properties", String.class), OBJECT), r.get("version", Integer.class),
                r.get("page_id", String.class), r.get("attempts", Integer.class),
                Boolean.TRUE.equals(r.get("create_sent", Boolean.class)));
    }
}
