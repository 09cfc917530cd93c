package io.plinth.gateway.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.plinth.gateway.GatewayProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTimeoutsTest {

    private final RouteTimeouts timeouts = new RouteTimeouts(new GatewayProperties.Timeouts(Duration.ofSeconds(2),
            Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(5),
            Map.of("video-service", Duration.ofSeconds(30))));

    @Test
    void eachKindHasItsOwnLimitAndARouteCanOverrideIt() {
        assertThat(timeouts.responseTimeout(route("credit-service", RouteKind.API))).hasSeconds(10);
        assertThat(timeouts.responseTimeout(route("webhooks", RouteKind.WEBHOOK))).hasSeconds(15);
        assertThat(timeouts.responseTimeout(route("auth-service-docs", RouteKind.DOCS))).hasSeconds(5);
        assertThat(timeouts.responseTimeout(route("video-service", RouteKind.API))).hasSeconds(30);
    }

    @Test
    void theLongestLimitCoversOverrides() {
        assertThat(timeouts.longest()).hasSeconds(30);
    }

    private static RouteSpec route(String id, RouteKind kind) {
        return new RouteSpec(id, "some-service", kind, List.of("/x/**"), null);
    }
}
