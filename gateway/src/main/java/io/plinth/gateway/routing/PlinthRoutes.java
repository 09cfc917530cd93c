package io.plinth.gateway.routing;

import java.util.ArrayList;
import java.util.List;

import io.plinth.gateway.routing.RouteSpec.Rewrite;

/**
 * The route table, as API.md defines it: every public path prefix, the webhook ingress, the
 * paths existing integrations were configured with (rewritten to the current ones), each
 * service's own admin paths ({@code /api/v1/admin/services/<service>/**}, e.g. its outbox backlog) and each
 * service's OpenAPI document under /docs. Plain data, so it is unit tested without Spring.
 */
public final class PlinthRoutes {

    public static final String AUTH = "auth-service";
    public static final String CREDIT = "credit-service";
    public static final String PAYMENT = "payment-service";
    public static final String VIDEO = "video-service";
    public static final String INTEGRATION = "integration-service";
    /** The operators' web console: server-rendered pages, its own sign-in (cookies), not an API. */
    public static final String CONSOLE = "console";

    /** Every service behind the gateway, in the order /docs lists them. */
    public static final List<String> SERVICES = List.of(AUTH, CREDIT, PAYMENT, VIDEO, INTEGRATION);

    public static final List<RouteSpec> ALL = build();

    private PlinthRoutes() {
    }

    private static List<RouteSpec> build() {
        List<RouteSpec> routes = new ArrayList<>();
        routes.add(api(AUTH, "/api/v1/auth/**", "/.well-known/jwks.json", "/api/v1/admin/apps/**",
                "/api/v1/admin/users/**",
                "/api/v1/admin/tenants/**", "/api/v1/admin/keys/**",
                "/api/v1/cross-app/auth", "/api/v1/cross-app/validate-token"));
        routes.add(api(CREDIT, "/api/v1/credits/**", "/api/v1/cross-app/credits/**", "/api/v1/admin/credits/**"));
        routes.add(api(PAYMENT, "/api/v1/payments/**", "/api/v1/admin/payments/**"));
        routes.add(api(VIDEO, "/api/v1/videos/**", "/api/v1/admin/videos/**"));
        routes.add(api(INTEGRATION, "/api/v1/admin/integrations/**", "/api/v1/signatures/**", "/api/v1/meetings/**",
                "/api/v1/admin/webhook-events/**"));

        routes.add(new RouteSpec(CONSOLE, CONSOLE, RouteKind.API, List.of("/console", "/console/**"), null));

        // Webhook ingress: one route of its own so it has its own time limit.
        routes.add(new RouteSpec("webhooks", INTEGRATION, RouteKind.WEBHOOK, List.of("/api/v1/webhooks/**"), null));

        // Paths that providers and partner apps were configured with before /api/v1.
        routes.add(new RouteSpec("compat-webhooks", INTEGRATION, RouteKind.WEBHOOK, List.of("/api/webhooks/**"),
                new Rewrite("^/api/webhooks/(?<rest>.*)$", "/api/v1/webhooks/${rest}")));
        routes.add(fixedWebhook("compat-stripe-webhook", "/api/stripe/webhook", "stripe"));
        routes.add(fixedWebhook("compat-capcut-webhook", "/api/capcut-pipit/capcut/webhook", "capcut"));
        routes.add(fixedWebhook("compat-pipit-webhook", "/api/capcut-pipit/pipit/webhook", "pipit"));
        routes.add(new RouteSpec("compat-cross-app-auth", AUTH, RouteKind.API,
                List.of("/api/cross-app/auth", "/api/cross-app/validate-token"), crossAppRewrite()));
        routes.add(new RouteSpec("compat-cross-app-credits", CREDIT, RouteKind.API,
                List.of("/api/cross-app/credits/check", "/api/cross-app/credits/consume"), crossAppRewrite()));

        for (String service : SERVICES) {
            routes.add(new RouteSpec(service + "-docs", service, RouteKind.DOCS,
                    List.of(docsPath(service) + "/**"),
                    new Rewrite("^/docs/" + service + "/(?<rest>v3/api-docs.*)$", "/${rest}")));
        }
        return List.copyOf(routes);
    }

    /** Where /docs finds a service's OpenAPI document. */
    public static String docsPath(String service) {
        return "/docs/" + service + "/v3/api-docs";
    }

    /** Where a service answers operators about itself (e.g. {@code …/outbox}), under its own name. */
    public static String serviceAdminPath(String service) {
        return "/api/v1/admin/services/" + service;
    }

    /** A service's API paths, plus its own admin paths ({@link #serviceAdminPath}). */
    private static RouteSpec api(String service, String... paths) {
        List<String> all = new ArrayList<>(List.of(paths));
        all.add(serviceAdminPath(service) + "/**");
        return new RouteSpec(service, service, RouteKind.API, List.copyOf(all), null);
    }

    private static RouteSpec fixedWebhook(String id, String legacyPath, String provider) {
        return new RouteSpec(id, INTEGRATION, RouteKind.WEBHOOK, List.of(legacyPath),
                new Rewrite("^" + legacyPath + "$", "/api/v1/webhooks/" + provider));
    }

    private static Rewrite crossAppRewrite() {
        return new Rewrite("^/api/cross-app/(?<rest>.*)$", "/api/v1/cross-app/${rest}");
    }
}
