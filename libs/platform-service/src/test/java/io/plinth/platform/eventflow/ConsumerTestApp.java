package io.plinth.platform.eventflow;

import io.plinth.events.credit.CreditsGranted;
import io.plinth.platform.kafka.EventSubscriptions;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * A minimal consuming service: applies credits.granted by inserting a row (no unique constraint, so
 * only the inbox prevents double application). Events whose reason is "poison" fail after writing,
 * to prove the handler's writes roll back and the event ends on the dead-letter topic.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class ConsumerTestApp {

    @Bean
    EventSubscriptions creditEvents(DatabaseClient db) {
        return EventSubscriptions.builder()
                .on(CreditsGranted.class, (event, data) -> db.sql("""
                                insert into applied (event_id, user_id, balance) values (:eventId, :user, :balance)""")
                        .bind("eventId", event.id())
                        .bind("user", data.userId())
                        .bind("balance", data.balance())
                        .fetch()
                        .rowsUpdated()
                        .flatMap(rows -> "poison".equals(data.reason())
                                ? Mono.error(new IllegalStateException("cannot apply poison event " + event.id()))
                                : Mono.<Void>empty())
                        .then())
                .build();
    }
}
