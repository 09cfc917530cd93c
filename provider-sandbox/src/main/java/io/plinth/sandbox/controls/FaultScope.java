package io.plinth.sandbox.controls;

import java.util.List;
import java.util.Map;

/**
 * Which requests count as calls to a provider, for fault injection: path patterns (Spring
 * {@code PathPattern} syntax) and query parameters that must match. Requests under {@code /{provider}/…}
 * always belong to that provider. A provider package whose paths are not in {@link #DEFAULTS} declares a
 * {@code FaultScope} bean; declared scopes are consulted before the defaults.
 */
public record FaultScope(String provider, List<String> paths, Map<String, String> query) {

    public FaultScope {
        paths = List.copyOf(paths);
        query = query == null ? Map.of() : Map.copyOf(query);
    }

    public FaultScope(String provider, List<String> paths) {
        this(provider, paths, Map.of());
    }

    /** The real providers' API paths (PROVIDERS.md), most specific first. */
    public static final List<FaultScope> DEFAULTS = List.of(
            // Zoom's and DocuSign's token endpoints share a path; Zoom's grant type tells them apart.
            new FaultScope("zoom", List.of("/oauth/token"), Map.of("grant_type", "account_credentials")),
            new FaultScope("zoom", List.of("/v2/**")),
            new FaultScope("docusign", List.of("/oauth/token", "/oauth/userinfo", "/restapi/**")),
            new FaultScope("mpesa", List.of("/oauth/v1/generate", "/mpesa/**")),
            new FaultScope("pipit", List.of("/v1/payments/**")),
            new FaultScope("capcut", List.of("/v1/exports/**")),
            new FaultScope("notion", List.of("/v1/pages/**", "/v1/databases/**")),
            new FaultScope("sendgrid", List.of("/v3/**")),
            new FaultScope("vdocipher", List.of("/api/videos/**")),
            new FaultScope("stripe", List.of("/v1/**")));
}
