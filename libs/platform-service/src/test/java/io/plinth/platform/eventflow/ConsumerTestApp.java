package io.plinth.platform.eventflow;

import io.plinth.events.EventEnvelope;
import io.plinth.events.credit.CreditsGranted;
import io.plinth.platform.kafka.EventSubscriptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * A minimal consuming service: applies credits.granted by inserting a row (no unique constraint, so
 * only the inbox prevents double application). Events whose reason is "poison" fail after writing,
 * to prove the handler's writes roll back and the event ends on the dead-letter topic; "flaky" events
 * meet an unreachable database for their first attempts, which must delay them, never dead-letter them.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class ConsumerTestApp {

    /** Handler attempts per event id, so tests can see how often an event was tried. */
    @Bean
    Attempts attempts() {
        return new Attempts(new ConcurrentHashMap<>());
    }

    record Attempts(Map<String, AtomicInteger> byEventId) {
        int of(String eventId) {
            AtomicInteger count = byEventId.get(eventId);
            return count == null ? 0 : count.get();
        }
    }

    @Bean
    EventSubscriptions creditEvents(DatabaseClient db, Attempts attempts) {
        return EventSubscriptions.builder()
                .on(CreditsGranted.class, (event, data) -> {
                    int attempt = attempts.byEventId().computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
                    // "flaky": the database is unreachable for the first five attempts, more than the retry limit.
                    if ("flaky".equals(data.reason()) && attempt <= 5) {
                        return Mono.error(new DataAccessResourceFailureException("database unreachable (attempt " + attempt + ")"));
                    }
                    return apply(db, event, data);
                })
                .build();
    }

    private static Mono<Void> apply(DatabaseClient db, EventEnvelope event, CreditsGranted data) {
        return db.sql("""
                                insert into applied (event_id, user_id, balance) values (:eventId, :user, :balance)""")
                        .bind("eventId", event.id())
                        .bind("user", data.userId())
                        .bind("balance", data.balance())
                        .fetch()
                        .rowsUpdated()
                        .flatMap(rows -> "poison".equals(data.reason())
                                ? Mono.error(new IllegalStateException("cannot apply poison event " + event.id()))
                                : Mono.<Void>empty())
                        .then();
    }
}
