package io.plinth.gateway.security;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The routes reachable without a bearer token, exactly: register, login, refresh, logout (the refresh
 * token in the body is its credential, so an expired access token must not stop it), password reset,
 * email verify, JWKS, the products listing and webhook ingress (provider signatures instead), plus the
 * cross-app routes that authenticate by X-API-Key or by the session token in the body, and the API docs
 * (Swagger UI and what it loads), and the admin console, whose pages sign their operator in themselves (cookies
 * holding the platform's own tokens, which the console sends on as bearer tokens). Everything else needs a valid token. Health and metrics are not here:
 * they are served on the management port, which is not routed.
 */
public final class PublicRoutes {

    private record Rule(HttpMethod method, PathPattern pattern) {
    }

    private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

    private static final List<Rule> RULES = List.of(
            rule(HttpMethod.POST, "/api/v1/auth/register"),
            rule(HttpMethod.POST, "/api/v1/auth/login"),
            rule(HttpMethod.POST, "/api/v1/auth/refresh"),
            rule(HttpMethod.POST, "/api/v1/auth/logout"),
            rule(HttpMethod.POST, "/api/v1/auth/password-reset"),
            rule(HttpMethod.POST, "/api/v1/auth/password-reset/confirm"),
            rule(HttpMethod.POST, "/api/v1/auth/email/verify"),
            rule(HttpMethod.GET, "/.well-known/jwks.json"),
            rule(HttpMethod.GET, "/api/v1/payments/products"),
            rule(null, "/api/v1/webhooks/**"),
            rule(null, "/api/webhooks/**"),
            rule(null, "/api/stripe/webhook"),
            rule(null, "/api/capcut-pipit/capcut/webhook"),
            rule(null, "/api/capcut-pipit/pipit/webhook"),
            rule(HttpMethod.POST, "/api/v1/cross-app/auth"),
            rule(HttpMethod.POST, "/api/v1/cross-app/validate-token"),
            rule(HttpMethod.POST, "/api/v1/cross-app/credits/check"),
            rule(HttpMethod.POST, "/api/v1/cross-app/credits/consume"),
            rule(HttpMethod.POST, "/api/cross-app/{operation}"),
            rule(HttpMethod.POST, "/api/cross-app/credits/{operation}"),
            rule(HttpMethod.GET, "/docs/**"),
            rule(HttpMethod.GET, "/docs"),
            rule(HttpMethod.GET, "/swagger-ui/**"),
            rule(HttpMethod.GET, "/webjars/**"),
            rule(null, "/console"),
            rule(null, "/console/**"));

    private PublicRoutes() {
    }

    public static boolean isPublic(HttpMethod method, String path) {
        if (HttpMethod.OPTIONS.equals(method)) {
            return true; // CORS preflights carry no credentials by definition
        }
        PathContainer container = PathContainer.parsePath(path);
        return RULES.stream().anyMatch(r -> (r.method() == null || r.method().equals(method))
                && r.pattern().matches(container));
    }

    private static Rule rule(HttpMethod method, String pattern) {
        return new Rule(method, PARSER.parse(pattern));
    }
}
