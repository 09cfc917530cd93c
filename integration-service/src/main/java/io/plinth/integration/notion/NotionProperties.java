package io.plinth.integration.notion;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Notion content hub ({@code plinth.notion.*}).
 *
 * @param baseUrl     Notion's API ({@code https://api.notion.com}; the sandbox in the devstack), {@code NOTION_API_BASE}
 * @param version     the {@code Notion-Version} header every call carries
 * @param rateLimit   Notion's limit per integration: at most {@code requests} calls in any {@code window}
 * @param sync        the sync queue's schedule
 */
@ConfigurationProperties("plinth.notion")
record NotionProperties(@DefaultValue("https://api.notion.com") URI baseUrl, @DefaultValue("2022-06-28") String version,
        @DefaultValue RateLimit rateLimit, @DefaultValue Sync sync) {

    /**
     * @param requests calls allowed per window (Notion: about 3 per second on average)
     * @param window   the window, counted from the end of a call to the start of the one that reuses its slot; a
     *                 little over a second, for the provider's clock reading arrivals to the millisecond
     */
    record RateLimit(@DefaultValue("3") int requests, @DefaultValue("1020ms") Duration window) {
    }

    /**
     * @param pollInterval   how often the worker looks for due syncs
     * @param batchSize      rows claimed at once
     * @param maxAttempts    attempts before a sync is marked failed (a newer event for the object starts it over)
     * @param initialBackoff wait after the first failure; doubles per attempt
     * @param maxBackoff     the longest wait between attempts
     * @param lease          how long a claimed row is left alone
     * @param timeout        how long one call waits for Notion (after its turn under the rate limit)
     */
    record Sync(@DefaultValue("500ms") Duration pollInterval, @DefaultValue("10") int batchSize,
            @DefaultValue("10") int maxAttempts, @DefaultValue("2s") Duration initialBackoff,
            @DefaultValue("5m") Duration maxBackoff, @DefaultValue("5m") Duration lease,
            @DefaultValue("15s") Duration timeout) {
    }
}
