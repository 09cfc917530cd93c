package io.plinth.integration.notion;

import io.plinth.events.payment.PaymentFailed;
import io.plinth.events.payment.PaymentRefunded;
import io.plinth.events.payment.PaymentSucceeded;
import io.plinth.events.video.VideoExportCompleted;
import io.plinth.events.video.VideoGenerationCompleted;
import io.plinth.integration.registry.IntegrationSettings;
import io.plinth.platform.kafka.EventSubscriptions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/** Notion as the content hub: the event consumer, the client under its rate limit, the sync worker, the probe. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotionProperties.class)
class NotionConfiguration {

    /** Its own consumer group and inbox name, independent of mail's reading of the same events. */
    static final String CONSUMER = "integration-service.notion";

    @Bean
    NotionClient notionClient(NotionProperties properties) {
        return new NotionClient(WebClient.create(), properties.baseUrl(), properties.version(),
                new RateLimiter(properties.rateLimit().requests(), properties.rateLimit().window()),
                properties.sync().timeout());
    }

    @Bean
    NotionEvents notionEvents(NotionSyncStore store, IntegrationSettings integrations) {
        return new NotionEvents(store, integrations);
    }

    @Bean
    EventSubscriptions notionSubscriptions(NotionEvents notion) {
        return EventSubscriptions.builder()
                .consumer(CONSUMER)
                .on(VideoExportCompleted.class, (e, d) -> notion.want(e, NotionPages.export(d)))
                .on(VideoGenerationCompleted.class, (e, d) -> notion.want(e, NotionPages.generation(d)))
                .on(PaymentSucceeded.class, (e, d) -> notion.want(e, NotionPages.paymentSucceeded(d)))
                .on(PaymentFailed.class, (e, d) -> notion.want(e, NotionPages.paymentFailed(d)))
                .on(PaymentRefunded.class, (e, d) -> notion.want(e, NotionPages.paymentRefunded(d)))
                .build();
    }

    @Bean
    NotionSync notionSync(NotionSyncStore store, IntegrationSettings integrations, NotionClient client,
            NotionProperties properties) {
        return new NotionSync(store, integrations, client, properties.sync());
    }

    /** The registry's connection test for {@code notion}; the same client, so tests count against the rate limit. */
    @Bean
    NotionProbe notionProbe(NotionClient client, @Value("${plinth.integration.test-timeout:5s}") java.time.Duration timeout) {
        return new NotionProbe(client, timeout);
    }
}
