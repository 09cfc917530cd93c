package io.plinth.video.export;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExportProperties.class)
class ExportConfiguration {

    @Bean
    CapCut capCut(WebClient.Builder http, ExportProperties properties, CircuitBreakerRegistry breakers) {
        return new CapCut(http.clone().baseUrl(properties.baseUrl().toString()).build(), properties.apiKey(),
                properties.apiSecret(), properties.webhookUrl().toString(), properties.timeout(),
                breakers.circuitBreaker("capcut"));
    }

    @Bean
    ClientCallbacks clientCallbacks(WebClient.Builder http, ExportProperties properties, Clock clock) {
        return new ClientCallbacks(http, properties.callbackSecret(), properties.timeout(), clock);
    }

    @Bean
    CallbackUrls callbackUrls() {
        return CallbackUrls.usingSystemDns();
    }
}
