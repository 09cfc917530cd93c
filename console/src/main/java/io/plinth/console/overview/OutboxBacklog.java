package io.plinth.console.overview;

import java.time.Duration;

/**
 * One service's outbox as the Overview shows it: events not yet acknowledged by Kafka and how long the oldest has
 * waited, or why that is unknown right now. Services without an outbox (the gateway, the console) have none.
 *
 * @param unpublished      null when unknown
 * @param oldestAgeSeconds null when unknown
 * @param unknown          why it is unknown (the API's problem title), else null
 */
record OutboxBacklog(Long unpublished, Long oldestAgeSeconds, String unknown) {

    static OutboxBacklog of(long unpublished, long oldestAgeSeconds) {
        return new OutboxBacklog(unpublished, oldestAgeSeconds, null);
    }

    static OutboxBacklog unknown(String why) {
        return new OutboxBacklog(null, null, why == null || why.isBlank() ? "no answer" : why);
    }

    public boolean known() {
        return unknown == null;
    }

    /** "0", "12 (oldest 3 min)", or "unknown". */
    public String text() {
        if (!known()) {
            return "unknown";
        }
        return unpublished == 0 ? "0" : unpublished + " (oldest " + age(Duration.ofSeconds(oldestAgeSeconds)) + ")";
    }

    static String age(Duration age) {
        long seconds = age.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return age.toMinutes() + " min";
        }
        if (seconds < 86_400) {
            return age.toHours() + " h " + age.toMinutesPart() + " min";
        }
        return age.toDays() + " d " + age.toHoursPart() + " h";
    }
}
