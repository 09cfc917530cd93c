package io.plinth.integration.zoom;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.plinth.events.webhook.WebhookReceived;
import io.plinth.integration.outbound.ProviderHttp;
import io.plinth.platform.kafka.EventSubscriptions;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/** Zoom's client, its connection test, and the consumer of meeting events the ingress verified. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ZoomProperties.class)
class ZoomConfiguration {

    @Bean
    Zoom zoom(ZoomProperties properties, CircuitBreakerRegistry breakers, Clock clock) {
        return new Zoom(new ProviderHttp(Zoom.PROVIDER, WebClient.create(), properties.timeout(), breakers),
                properties.oauthBaseUrl(), properties.apiBaseUrl(), clock);
    }

    @Bean
    ZoomProbe zoomProbe(Zoom zoom) {
        return new ZoomProbe(zoom);
    }

    @Bean
    EventSubscriptions zoomMeetingEvents(Meetings meetings, @Value("${spring.application.name}") String application) {
        return EventSubscriptions.builder()
                .consumer(application + ".zoom")
                .on(WebhookReceived.class, (event, webhook) -> "zoom".equals(webhook.provider())
                        ? meetings.applyEvent(webhook.payload()) : Mono.empty())
                .build();
    }
}
