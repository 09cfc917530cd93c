package io.plinth.gateway.routing;

/** What a route carries; each kind has its own default time limit. */
public enum RouteKind {
    /** Client API calls. */
    API,
    /** Provider webhook deliveries (no bearer token; integration-service verifies the signature). */
    WEBHOOK,
    /** A service's OpenAPI document, shown under /docs. */
    DOCS
}
