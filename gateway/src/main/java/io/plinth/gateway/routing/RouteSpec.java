package io.plinth.gateway.routing;

import java.util.List;
import java.util.Objects;

/**
 * One gateway route: which paths go to which service, and how the path is rewritten on the way.
 *
 * @param id        route id, stable (metrics, logs and per-route timeout overrides use it)
 * @param service   the Eureka service id ({@code spring.application.name}) routed to as {@code lb://service}
 * @param kind      API, webhook or docs
 * @param paths     Spring path patterns that select this route
 * @param rewrite   how the path changes before it is forwarded, or {@code null} to forward it as is
 */
public record RouteSpec(String id, String service, RouteKind kind, List<String> paths, Rewrite rewrite) {

    /**
     * Route metadata key holding the route's {@link RouteKind} name, for filters that run after a
     * route matched (e.g. webhooks carry no bearer token): {@code route.getMetadata().get(KIND_METADATA)}.
     */
    public static final String KIND_METADATA = "plinth.kind";
    /** Route metadata key holding the target service id. */
    public static final String SERVICE_METADATA = "plinth.service";

    public RouteSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(kind, "kind");
        paths = List.copyOf(paths);
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("route " + id + " has no path");
        }
    }

    /**
     * A regex rewrite in Spring Cloud Gateway's RewritePath syntax: {@code replacement} may use
     * {@code ${name}} for a named group of {@code regex}.
     */
    public record Rewrite(String regex, String replacement) {

        public Rewrite {
            Objects.requireNonNull(regex, "regex");
            Objects.requireNonNull(replacement, "replacement");
        }

        /** The forwarded path for {@code path}, as the gateway's RewritePath filter computes it. */
        public String apply(String path) {
            return path.replaceAll(regex, replacement.replace("$\\", "$"));
        }
    }
}
