package io.plinth.sandbox.controls;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Applies {@code POST /_sandbox/{provider}/faults}: a call to a provider's API with a fault armed waits
 * {@code latencyMs}, then either proceeds or is answered with the fault's status and a Stripe-shaped error
 * body. The controls ({@code /_sandbox/…}) and the actuator are never faulted.
 */
@Component
class FaultInjectionFilter implements WebFilter, Ordered {

    private final Faults faults;
    private final List<Compiled> scopes = new ArrayList<>();

    FaultInjectionFilter(Faults faults, ObjectProvider<FaultScope> declared) {
        this.faults = faults;
        PathPatternParser parser = PathPatternParser.defaultInstance;
        declared.orderedStream().forEach(scope -> scopes.add(Compiled.of(scope, parser)));
        for (String provider : io.plinth.sandbox.delivery.Providers.ALL) {
            scopes.add(Compiled.of(new FaultScope(provider, List.of("/" + provider + "/**")), parser));
        }
        FaultScope.DEFAULTS.forEach(scope -> scopes.add(Compiled.of(scope, parser)));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        if (path.startsWith("/_sandbox/") || path.startsWith("/actuator")) {
            return chain.filter(exchange);
        }
        String provider = providerOf(request);
        if (provider == null) {
            return chain.filter(exchange);
        }
        return faults.take(provider)
                .map(fault -> Mono.delay(Duration.ofMillis(fault.latencyMs()))
                        .then(fault.status() == null ? chain.filter(exchange) : fail(exchange.getResponse(), provider, fault.status())))
                .orElseGet(() -> chain.filter(exchange));
    }

    private String providerOf(ServerHttpRequest request) {
        PathContainer path = request.getPath().pathWithinApplication();
        for (Compiled scope : scopes) {
            if (scope.matches(path, request)) {
                return scope.provider();
            }
        }
        return null;
    }

    private static Mono<Void> fail(ServerHttpResponse response, String provider, int status) {
        response.setRawStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        if (status == 429) {
            // What SendGrid and Notion send with a 429: when to try again, in seconds.
            response.getHeaders().set("Retry-After", "1");
        }
        String reason = HttpStatus.resolve(status) == null ? "" : HttpStatus.resolve(status).getReasonPhrase();
        String message = "Injected by the sandbox: " + status + " " + reason;
        String body = switch (provider) {
            // Each provider's own error shape, so clients parse a fault as they would the real thing.
            case "sendgrid" -> "{\"errors\":[{\"field\":null,\"message\":\"" + message + "\"}]}";
            case "notion" -> "{\"object\":\"error\",\"status\":" + status + ",\"code\":\""
                    + (status == 429 ? "rate_limited" : "internal_server_error") + "\",\"message\":\"" + message + "\"}";
            default -> "{\"error\":{\"type\":\"api_error\",\"code\":\"sandbox_fault\",\"message\":\"" + message + "\"}}";
        };
        DataBuffer buffer = response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(buffer));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

    private record Compiled(String provider, List<PathPattern> patterns, Map<String, String> query) {

        static Compiled of(FaultScope scope, PathPatternParser parser) {
            return new Compiled(scope.provider(), scope.paths().stream().map(parser::parse).toList(), scope.query());
        }

        boolean matches(PathContainer path, ServerHttpRequest request) {
            for (Map.Entry<String, String> q : query.entrySet()) {
                if (!q.getValue().equals(request.getQueryParams().getFirst(q.getKey()))) {
                    return false;
                }
            }
            return patterns.stream().anyMatch(p -> p.matches(path));
        }
    }
}
