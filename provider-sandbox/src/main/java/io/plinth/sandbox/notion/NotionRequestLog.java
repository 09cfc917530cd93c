package io.plinth.sandbox.notion;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Records every request to Notion's API ({@code /v1/pages/**}, {@code /v1/databases/**}, {@code /v1/users/**}) when it arrives, before
 * fault injection, with its integration token: what Notion's rate limiter would count. Read back with
 * {@code GET /_sandbox/notion/requests}.
 */
@Component
class NotionRequestLog implements WebFilter, Ordered {

    private final NotionWorkspace workspace;

    NotionRequestLog(NotionWorkspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.startsWith("/v1/pages") && !path.startsWith("/v1/databases") && !path.startsWith("/v1/users")) {
            return chain.filter(exchange);
        }
        long at = System.currentTimeMillis();
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        String token = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()).trim() : null;
        String method = exchange.getRequest().getMethod().name();
        return chain.filter(exchange).doFinally(signal -> {
            var status = exchange.getResponse().getStatusCode();
            workspace.record(new NotionWorkspace.Request(at, token, method, path, status == null ? 200 : status.value()));
        });
    }

    @Override
    public int getOrder() {
        // Before the fault filter (HIGHEST_PRECEDENCE + 100): a faulted call still reached Notion and counts.
        return Ordered.HIGHEST_PRECEDENCE + 50;
    }
}
