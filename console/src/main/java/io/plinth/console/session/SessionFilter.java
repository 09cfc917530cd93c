package io.plinth.console.session;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.plinth.console.platform.ApiProblem;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every console page but sign-in needs a signed-in administrator. The access token comes from its cookie; one that
 * has expired or is about to is renewed with the refresh token (both cookies replaced; requests presenting the same
 * refresh token together share one renewal, {@link SharedRenewals}), one that cannot be renewed
 * sends the browser to sign-in. A token without the admin role never sees a page: it gets the "not an
 * administrator" page and its cookies are dropped. Runs after Spring Security, so a forged post is refused for
 * its missing CSRF token before anything here happens.
 */
@Component
class SessionFilter implements WebFilter, Ordered {

    static final String OPERATOR = SessionFilter.class.getName() + ".operator";
    /** Renew this long before expiry, so a token never runs out between this check and the API call. */
    static final Duration RENEW_BEFORE = Duration.ofSeconds(60);

    private final SharedRenewals renewals;
    private final Clock clock;

    @org.springframework.beans.factory.annotation.Autowired
    SessionFilter(Sessions sessions) {
        this(sessions, Clock.systemUTC());
    }

    SessionFilter(Sessions sessions, Clock clock) {
        this.renewals = new SharedRenewals(sessions::refresh, clock);
        this.clock = clock;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!ConsolePaths.needsOperator(path)) {
            return chain.filter(exchange);
        }
        Optional<Operator> current = AccessTokens.read(SessionCookies.access(exchange))
                .filter(o -> o.expiresAt().isAfter(clock.instant().plus(RENEW_BEFORE)));
        Mono<Optional<Operator>> operator = current.isPresent() ? Mono.just(current) : renew(exchange);
        return operator.flatMap(found -> {
            if (found.isEmpty()) {
                SessionCookies.clear(exchange);
                return redirect(exchange, ConsolePaths.LOGIN);
            }
            if (!found.get().isAdmin()) {
                SessionCookies.clear(exchange);
                return redirect(exchange, ConsolePaths.NOT_ADMIN);
            }
            Operator signedIn = found.get();
            exchange.getAttributes().put(OPERATOR, signedIn.email() != null ? signedIn
                    : signedIn.withEmail(SessionCookies.who(exchange, signedIn.userId())));
            return chain.filter(exchange);
        });
    }

    private Mono<Optional<Operator>> renew(ServerWebExchange exchange) {
        String refresh = SessionCookies.refresh(exchange);
        if (refresh == null) {
            return Mono.just(Optional.empty());
        }
        return renewals.renew(refresh)
                .map(pair -> {
                    SessionCookies.store(exchange, pair.accessToken(), pair.accessAge(), pair.refreshToken());
                    return AccessTokens.read(pair.accessToken());
                })
                // A spent, revoked or expired refresh token: sign in again.
                .onErrorResume(ApiProblem.class, e -> Mono.just(Optional.empty()));
    }

    static Mono<Void> redirect(ServerWebExchange exchange, String location) {
        exchange.getResponse().setStatusCode(HttpStatus.SEE_OTHER);
        exchange.getResponse().getHeaders().setLocation(URI.create(location));
        return exchange.getResponse().setComplete();
    }

    @Override
    public int getOrder() {
        // After Spring Security's filter chain (-100): CSRF and headers first.
        return 0;
    }
}
