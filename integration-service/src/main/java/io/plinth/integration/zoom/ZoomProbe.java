package io.plinth.integration.zoom;

import io.plinth.integration.outbound.ProviderRefused;
import io.plinth.integration.registry.ConnectionProbe;
import io.plinth.integration.registry.IntegrationKey;
import io.plinth.integration.registry.TestResult;
import java.util.Map;
import reactor.core.publisher.Mono;

/** Zoom's connection test: a fresh account_credentials grant and {@code GET /v2/users/me}; schedules nothing. */
class ZoomProbe implements ConnectionProbe {

    private final Zoom zoom;

    ZoomProbe(Zoom zoom) {
        this.zoom = zoom;
    }

    @Override
    public IntegrationKey integration() {
        return IntegrationKey.ZOOM;
    }

    @Override
    public Mono<TestResult> check(Map<String, String> credentials) {
        return Mono.defer(() -> {
            long started = System.nanoTime();
            return zoom.probe(credentials)
                    .map(user -> new TestResult(true, millis(started), "Token granted; the API answers as " + user + "."))
                    .onErrorResume(e -> Mono.just(new TestResult(false, millis(started), e instanceof ProviderRefused r
                            ? "Zoom refused the credentials (" + r.status() + "): " + r.reason()
                            : e instanceof RuntimeException && e.getMessage() != null ? e.getMessage()
                            : "The test failed: " + e.getClass().getSimpleName())));
        });
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
