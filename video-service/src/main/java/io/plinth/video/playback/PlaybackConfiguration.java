package io.plinth.video.playback;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PlaybackProperties.class)
class PlaybackConfiguration {

    @Bean
    VdoCipher vdoCipher(WebClient.Builder http, PlaybackProperties properties, CircuitBreakerRegistry breakers) {
        return new VdoCipher(http.clone().baseUrl(properties.baseUrl().toString()).build(), properties.apiSecret(),
                properties.timeout(), breakers.circuitBreaker("vdocipher"));
    }
}
