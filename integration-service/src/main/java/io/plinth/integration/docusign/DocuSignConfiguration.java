package io.plinth.integration.docusign;

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

/** DocuSign's client, its connection test, and the consumer of Connect events the ingress verified. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DocuSignProperties.class)
class DocuSignConfiguration {

    @Bean
    DocuSign docuSign(DocuSignProperties properties, CircuitBreakerRegistry breakers, Clock clock) {
        return new DocuSign(new ProviderHttp(DocuSign.PROVIDER, WebClient.create(), properties.timeout(), breakers),
                properties.authBaseUrl(), clock);
    }

    @Bean
    DocuSignProbe docuSignProbe(DocuSign docuSign) {
        return new DocuSignProbe(docuSign);
    }

    /** Its own consumer group and inbox: Zoom's events on the same topic are another consumer's business. */
    @Bean
    EventSubscriptions docuSignConnectEvents(Envelopes envelopes,
            @Value("${spring.application.name}") String application) {
        return EventSubscriptions.builder()
                .consumer(application + ".docusign")
                .on(WebhookReceived.class, (event, webhook) -> "docusign".equals(webhook.provider())
                        ? envelopes.applyConnect(webhook.payload()) : Mono.empty())
                .build();
    }
}
