package io.plinth.platform.inbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Inbox housekeeping ({@code plinth.inbox.*}).
 *
 * @param retention how long an applied event's id is remembered. A redelivery older than this would
 *                  be applied again, so keep it well above the longest time an event can still be
 *                  redelivered: the topics' retention (Kafka's default is 7 days) plus any replay
 *                  from a dead-letter topic. Handlers that post with derived ids (credit grants)
 *                  stay exactly-once past it anyway.
 * @param pruneInterval how often ids older than the retention are deleted
 */
@ConfigurationProperties("plinth.inbox")
public record InboxProperties(
        @DefaultValue("30d") Duration retention,
        @DefaultValue("1h") Duration pruneInterval) {
}
