package io.plinth.console.session;

import java.time.Duration;
import java.util.UUID;

import org.springframework.http.HttpCookie;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.DefaultCsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The CSRF token's server half, kept in a cookie rather than a server session so any console replica can check a
 * form: double-submit, the form's hidden field (masked by Spring Security per page) against this cookie. The cookie
 * carries the same flags as the session cookies — HttpOnly, SameSite=Strict, Secure over https.
 */
final class CsrfCookies implements ServerCsrfTokenRepository {

    static final String COOKIE = "plinth_console_csrf";
    static final String PARAMETER = "_csrf";
    static final String HEADER = "X-CSRF-TOKEN";

    @Override
    public Mono<CsrfToken> generateToken(ServerWebExchange exchange) {
        return Mono.fromCallable(() -> new DefaultCsrfToken(HEADER, PARAMETER, UUID.randomUUID().toString()));
    }

    @Override
    public Mono<Void> saveToken(ServerWebExchange exchange, CsrfToken token) {
        return Mono.fromRunnable(() -> {
            boolean secure = SessionCookies.isHttps(exchange);
            exchange.getResponse().addCookie(token == null
                    ? SessionCookies.cookie(COOKIE, "", Duration.ZERO, secure)
                    // No Max-Age: gone when the browser closes.
                    : SessionCookies.cookie(COOKIE, token.getToken(), Duration.ofSeconds(-1), secure));
        });
    }

    @Override
    public Mono<CsrfToken> loadToken(ServerWebExchange exchange) {
        return Mono.fromCallable(() -> {
            HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
            return cookie == null || cookie.getValue().isBlank() ? null
                    : new DefaultCsrfToken(HEADER, PARAMETER, cookie.getValue());
        });
    }
}
