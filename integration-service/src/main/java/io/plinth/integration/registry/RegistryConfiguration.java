package io.plinth.integration.registry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RegistryProperties.class)
class RegistryConfiguration {

    /** A missing, short or unknown key stops start-up here, with the reason, before any credential is written. */
    @Bean
    CredentialCipher credentialCipher(RegistryProperties properties) {
        try {
            return CredentialCipher.fromConfiguration(properties.credentials().keys(), properties.credentials().activeKeyId());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("integration-service cannot start: " + e.getMessage(), e);
        }
    }
}
