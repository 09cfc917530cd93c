package io.plinth.integration.registry;

import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * A real, harmless call to a provider with stored credentials. Never errors: every failure is a result. Public so
 * each provider's feature package brings its own.
 */
public interface ConnectionProbe {

    IntegrationKey integration();

    Mono<TestResult> check(Map<String, String> credentials);
}
