package io.plinth.gateway.routing;

import java.time.Duration;
import java.util.stream.Stream;

import io.plinth.gateway.GatewayProperties;

/** Resolves a route's time limit: its own override, else the default for its kind. */
record RouteTimeouts(GatewayProperties.Timeouts config) {

    Duration connect() {
        return config.connect();
    }

    Duration responseTimeout(RouteSpec route) {
        Duration override = config.routes().get(route.id());
        if (override != null) {
            return override;
        }
        return switch (route.kind()) {
            case API -> config.api();
            case WEBHOOK -> config.webhook();
            case DOCS -> config.docs();
        };
    }

    Duration longest() {
        return Stream.concat(Stream.of(config.api(), config.webhook(), config.docs()), config.routes().values().stream())
                .max(Duration::compareTo)
                .orElseThrow();
    }
}
