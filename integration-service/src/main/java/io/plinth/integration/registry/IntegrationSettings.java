package io.plinth.integration.registry;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the provider features (mail, Notion, …) read of a tenant's integration to call the provider: whether it is
 * enabled, its credentials opened, its settings. Empty when the tenant has not configured it or its credentials do
 * not open with the configured keys (logged, without any of the data). Never leaves the service: no view of this
 * reaches an API.
 */
@Service
public class IntegrationSettings {

    private static final Logger log = LoggerFactory.getLogger(IntegrationSettings.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() { };

    /** A configured integration, ready to call the provider with. */
    public record Configured(boolean enabled, Map<String, String> credentials, Map<String, Object> settings) {

        public Optional<String> setting(String name) {
            Object value = settings.get(name);
            return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
        }

        @Override
        public String toString() {
            return "Configured[enabled=" + enabled + ", credentials=" + credentials.keySet() + ", settings=" + settings + "]";
        }
    }

    private final IntegrationStore store;
    private final CredentialCipher cipher;

    IntegrationSettings(IntegrationStore store, CredentialCipher cipher) {
        this.store = store;
        this.cipher = cipher;
    }

    public Mono<Configured> of(String tenantId, IntegrationKey key) {
        return store.find(tenantId, key).flatMap(row -> {
            try {
                byte[] plain = cipher.open(row.tenantId(), row.key(), row.credentials());
                Map<String, String> credentials = JSON.readValue(new String(plain, StandardCharsets.UTF_8), STRINGS);
                Map<String, Object> settings = row.settingsJson() == null ? Map.of() : JSON.readValue(row.settingsJson(), OBJECT);
                return Mono.just(new Configured(row.enabled(), credentials, settings));
            } catch (CredentialCipher.Unreadable e) {
                log.warn("credentials of {} for tenant {} {}", row.key(), row.tenantId(), e.getMessage());
                return Mono.empty();
            }
        });
    }
}
