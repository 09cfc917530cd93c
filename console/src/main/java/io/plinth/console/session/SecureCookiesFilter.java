package io.plinth.console.session;

import io.plinth.console.platform.ConsoleProperties;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Marks every request "cookies Secure" when the console is configured to be served over https only. Needed
 * because the gateway does not pass {@code X-Forwarded-Proto} on unless it trusts its proxies, so the console
 * cannot always tell an https browser from an http one. First of all filters: the CSRF cookie is written by
 * Spring Security's.
 */
@Component
class SecureCookiesFilter implements WebFilter, Ordered {

    static final String ALWAYS = SecureCookiesFilter.class.getName() + ".always";

    private final boolean always;

    SecureCookiesFilter(ConsoleProperties properties) {
        this.always = properties.secureCookies();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (always) {
            exchange.getAttributes().put(ALWAYS, Boolean.TRUE);
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
