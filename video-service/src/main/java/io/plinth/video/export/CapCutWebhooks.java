package io.plinth.video.export;

import io.plinth.events.webhook.WebhookReceived;
import io.plinth.platform.kafka.EventSubscriptions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/** CapCut's verified webhooks, as the ingress fans them out: only {@code provider = capcut} concerns us. */
@Configuration(proxyBeanMethods = false)
class CapCutWebhooks {

    @Bean
    EventSubscriptions capCutWebhookSubscription(Exports exports,
            @Value("${plinth.video.consumer-group:${spring.application.name}}") String consumer) {
        return EventSubscriptions.builder()
                .consumer(consumer + "-capcut")
                .on(WebhookReceived.class, (event, webhook) -> "capcut".equals(webhook.provider())
                        ? exports.onWebhook(webhook.payload()) : Mono.empty())
                .build();
    }
}
