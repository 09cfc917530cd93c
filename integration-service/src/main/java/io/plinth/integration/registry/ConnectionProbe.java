package io.plinth.integration.registry;

import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * A real, harmless call to a provider with stored credentials. Never errors: every failure is a result. Public so a
 * provider's feature package (mail, notion, …) can offer its own probe as a bean.
 */
public interface ConnectionProbe {

    IntegrationKey integration();

    Mono<TestResult> check(Map<String, String> credentials);

    /** With the integration's settings too, for a provider whose harmless call needs them (Notion's databases). */
    default Mono<TestResult> check(Map<String, String> credentials, Map<String, Object> settings) {
        return check(credentials);
    }
}
