package io.plinth.devstack;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a running service's events fare, for {@code ./plinth status}: its own view of Kafka (the
 * {@code kafka} component of {@code /actuator/health}, which does not decide its readiness) and its
 * outbox (events not yet acknowledged by Kafka, and how long the oldest has waited). A broker outage
 * shows here while the service stays UP and keeps taking writes.
 *
 * @param kafka the service's {@code kafka} health status ("UP", "DOWN"), or null when it did not say
 * @param outboxBacklog unpublished outbox rows, or null when unknown
 * @param oldestUnpublishedSeconds age of the oldest of them (0 when none), or null when unknown
 */
public record EventFlow(String kafka, Long outboxBacklog, Long oldestUnpublishedSeconds) {

    static final EventFlow UNKNOWN = new EventFlow(null, null, null);

    // Status comes first in each component's object; details, if shown at all, follow it.
    private static final Pattern KAFKA_STATUS = Pattern.compile("\"kafka\"\\s*:\\s*\\{\\s*\"status\"\\s*:\\s*\"([A-Z_]+)\"");

    /** Asks the service at {@code base}; whatever it cannot answer stays null. Never throws. */
    static EventFlow read(URI base, Duration timeout) {
        String health = body(base.resolve("/actuator/health"), timeout);
        String scrape = body(base.resolve("/actuator/prometheus"), timeout);
        return new EventFlow(
                health == null ? null : kafkaStatus(health),
                scrape == null ? null : gauge(scrape, "plinth_outbox_backlog"),
                scrape == null ? null : gauge(scrape, "plinth_outbox_oldest_age_seconds"));
    }

    static String kafkaStatus(String healthJson) {
        Matcher matcher = KAFKA_STATUS.matcher(healthJson);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** The value of a gauge in a Prometheus text scrape (the largest, should it carry several label sets). */
    static Long gauge(String scrape, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*})? ([0-9.eE+-]+)$").matcher(scrape);
        Long value = null;
        while (matcher.find()) {
            long current = (long) Double.parseDouble(matcher.group(1));
            value = value == null ? current : Math.max(value, current);
        }
        return value;
    }

    /** "-" unknown, "0", or "12 (41s)": the backlog and the age of its oldest event. */
    String outbox() {
        if (outboxBacklog == null) {
            return "-";
        }
        if (outboxBacklog == 0 || oldestUnpublishedSeconds == null) {
            return outboxBacklog.toString();
        }
        return outboxBacklog + " (" + StatusTable.uptime(Duration.ofSeconds(oldestUnpublishedSeconds)) + ")";
    }

    private static String body(URI uri, Duration timeout) {
        try {
            // The body matters, not the code: /actuator/health answers 503 with every component while one is DOWN.
            return HealthProbe.HTTP.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
