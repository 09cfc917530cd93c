package io.plinth.gateway.routing;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

/** Every path of API.md reaches the right service at the right path, and nothing else is proxied. */
class PlinthRoutesTest {

    private static final PathPatternParser PARSER = new PathPatternParser();

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
            "/api/v1/auth/register,                        auth-service,        /api/v1/auth/register",
            "/api/v1/auth/password-reset/confirm,          auth-service,        /api/v1/auth/password-reset/confirm",
            "/.well-known/jwks.json,                       auth-service,        /.well-known/jwks.json",
            "/api/v1/admin/apps,                           auth-service,        /api/v1/admin/apps",
            "/api/v1/admin/apps/a-1/rotate-key,            auth-service,        /api/v1/admin/apps/a-1/rotate-key",
            "/api/v1/admin/tenants,                        auth-service,        /api/v1/admin/tenants",
            "/api/v1/admin/users,                          auth-service,        /api/v1/admin/users",
            "/console,                                     console,             /console",
            "/console/apps/a-1/revoke,                     console,             /console/apps/a-1/revoke",
            "/console/static/css/console.css,              console,             /console/static/css/console.css",
            "/api/v1/admin/keys/rotate,                    auth-service,        /api/v1/admin/keys/rotate",
            "/api/v1/cross-app/auth,                       auth-service,        /api/v1/cross-app/auth",
            "/api/v1/cross-app/validate-token,             auth-service,        /api/v1/cross-app/validate-token",
            "/api/v1/credits/balance,                      credit-service,      /api/v1/credits/balance",
            "/api/v1/credits/holds/h-1/capture,            credit-service,      /api/v1/credits/holds/h-1/capture",
            "/api/v1/cross-app/credits/check,              credit-service,      /api/v1/cross-app/credits/check",
            "/api/v1/admin/credits/u-1/grant,              credit-service,      /api/v1/admin/credits/u-1/grant",
            "/api/v1/payments,                             payment-service,     /api/v1/payments",
            "/api/v1/payments/mpesa/stk-push,              payment-service,     /api/v1/payments/mpesa/stk-push",
            "/api/v1/admin/payments/p-1/refund,            payment-service,     /api/v1/admin/payments/p-1/refund",
            "/api/v1/videos/generations/j-1,               video-service,       /api/v1/videos/generations/j-1",
            "/api/v1/videos/v-1/playback,                  video-service,       /api/v1/videos/v-1/playback",
            "/api/v1/admin/videos/v-1,                     video-service,       /api/v1/admin/videos/v-1",
            "/api/v1/admin/integrations/zoom/test,         integration-service, /api/v1/admin/integrations/zoom/test",
            "/api/v1/signatures/envelopes,                 integration-service, /api/v1/signatures/envelopes",
            "/api/v1/meetings,                             integration-service, /api/v1/meetings",
            "/api/v1/admin/webhook-events/e-1/replay,      integration-service, /api/v1/admin/webhook-events/e-1/replay",
            "/api/v1/webhooks/stripe,                      integration-service, /api/v1/webhooks/stripe",
            "/api/v1/webhooks/mpesa/cb-1,                  integration-service, /api/v1/webhooks/mpesa/cb-1",
            "/api/webhooks/docusign,                       integration-service, /api/v1/webhooks/docusign",
            "/api/webhooks/mpesa/cb-1,                     integration-service, /api/v1/webhooks/mpesa/cb-1",
            "/api/stripe/webhook,                          integration-service, /api/v1/webhooks/stripe",
            "/api/capcut-pipit/capcut/webhook,             integration-service, /api/v1/webhooks/capcut",
            "/api/capcut-pipit/pipit/webhook,              integration-service, /api/v1/webhooks/pipit",
            "/api/cross-app/auth,                          auth-service,        /api/v1/cross-app/auth",
            "/api/cross-app/validate-token,                auth-service,        /api/v1/cross-app/validate-token",
            "/api/cross-app/credits/check,                 credit-service,      /api/v1/cross-app/credits/check",
            "/api/cross-app/credits/consume,               credit-service,      /api/v1/cross-app/credits/consume",
            "/api/v1/admin/services/auth-service/outbox,        auth-service,        /api/v1/admin/services/auth-service/outbox",
            "/api/v1/admin/services/credit-service/outbox,      credit-service,      /api/v1/admin/services/credit-service/outbox",
            "/api/v1/admin/services/payment-service/outbox,     payment-service,     /api/v1/admin/services/payment-service/outbox",
            "/api/v1/admin/services/video-service/outbox,       video-service,       /api/v1/admin/services/video-service/outbox",
            "/api/v1/admin/services/integration-service/outbox, integration-service, /api/v1/admin/services/integration-service/outbox",
            "/docs/auth-service/v3/api-docs,               auth-service,        /v3/api-docs",
            "/docs/integration-service/v3/api-docs,        integration-service, /v3/api-docs",
    })
    void routesEveryContractPathToItsService(String path, String service, String forwardedPath) {
        RouteSpec route = onlyRouteFor(path).orElseThrow(() -> new AssertionError("no route for " + path));

        assertThat(route.service()).isEqualTo(service);
        String forwarded = route.rewrite() == null ? path : route.rewrite().apply(path);
        assertThat(forwarded).isEqualTo(forwardedPath);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health", "/actuator/prometheus", "/docs", "/consoles", "/console-x/login",
            "/api/v2/credits/balance", "/api/cross-app/credits/refund", "/docs/unknown-service/v3/api-docs",
            "/docs/auth-service/actuator/env",
            "/api/v1/admin/services/console/outbox", "/api/v1/admin/services/gateway/outbox", "/api/v1/admin/services",
            "/api/v1/admin/services/unknown-service/outbox"})
    void proxiesNothingElse(String path) {
        assertThat(onlyRouteFor(path)).isEmpty();
    }

    @Test
    void webhooksHaveTheirOwnRoutesAndEveryServiceItsDocs() {
        assertThat(PlinthRoutes.ALL).filteredOn(r -> r.kind() == RouteKind.WEBHOOK)
                .allMatch(r -> r.service().equals(PlinthRoutes.INTEGRATION));
        assertThat(PlinthRoutes.ALL).filteredOn(r -> r.kind() == RouteKind.DOCS)
                .extracting(RouteSpec::service).containsExactlyElementsOf(PlinthRoutes.SERVICES);
    }

    @Test
    void routeIdsAreUnique() {
        List<String> ids = PlinthRoutes.ALL.stream().map(RouteSpec::id).toList();
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
    }

    /** The single route whose patterns match; two matches would make routing depend on order. */
    private static Optional<RouteSpec> onlyRouteFor(String path) {
        List<RouteSpec> matches = PlinthRoutes.ALL.stream()
                .filter(route -> route.paths().stream()
                        .anyMatch(pattern -> PARSER.parse(pattern).matches(PathContainer.parsePath(path))))
                .toList();
        assertThat(matches).as("routes matching %s", path).hasSizeLessThanOrEqualTo(1);
        return matches.stream().findFirst();
    }
}
