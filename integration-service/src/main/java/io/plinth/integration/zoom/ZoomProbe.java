package io.plinth.integration.zoom;

import io.plinth.integration.outbound.Probes;
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
        return Probes.timed(zoom.probe(credentials).map(user -> "Token granted; the API answers as " + user + "."),
                r -> "Zoom refused the credentials (" + r.status() + "): " + r.reason());
    }
}
