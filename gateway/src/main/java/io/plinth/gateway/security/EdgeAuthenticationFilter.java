package io.plinth.gateway.security;

import java.util.List;

import io.plinth.gateway.GatewayFilterOrder;
import io.plinth.gateway.edge.ManagementPort;
import io.plinth.web.Problem;
import io.plinth.web.ProblemWriter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every non-public route needs a valid bearer token here, before anything is proxied. The token is
 * forwarded unchanged: each service verifies it again (no trust in the network). The verified subject
 * is kept as an exchange attribute for the per-user rate limit.
 */
class EdgeAuthenticationFilter implements WebFilter, Ordered {

    /** Exchange attribute holding the verified {@code sub}. */
    static final String USER_ATTRIBUTE = EdgeAuthenticationFilter.class.getName() + ".user";

    private final ReactiveJwtDecoder decoder;
    private final ProblemWriter problems;

    private final ManagementPort management;

    EdgeAuthenticationFilter(ReactiveJwtDecoder decoder, ProblemWriter problems, ManagementPort management) {
        this.decoder = decoder;
        this.problems = problems;
        this.management = management;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        if (management.isManagementRequest(exchange)
                || PublicRoutes.isPublic(request.getMethod(), request.getPath().pathWithinApplication().value())) {
            return chain.filter(exchange);
        }
        List<String> authorization = request.getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION);
        if (authorization.size() != 1 || !authorization.get(0).regionMatches(true, 0, "Bearer ", 0, 7)) {
            return reject(exchange, "unauthorized", "A bearer token is required.", "Bearer");
        }
        String token = authorization.get(0).substring(7).trim();
        return decoder.decode(token)
                .map(Jwt::getSubject)
                .map(java.util.Optional::of)
                .onErrorResume(e -> Mono.just(java.util.Optional.empty()))
                .flatMap(subject -> {
                    if (subject.isEmpty()) {
                        return reject(exchange, "invalid_token",
                                "The bearer token is invalid, expired or not meant for this API.",
                                "Bearer error=\"invalid_token\"");
                    }
                    exchange.getAttributes().put(USER_ATTRIBUTE, subject.get());
                    return chain.filter(exchange);
                });
    }

    private Mono<Void> reject(ServerWebExchange exchange, String code, String detail, String challenge) {
        return problems.write(exchange, Problem.of(HttpStatus.UNAUTHORIZED.value(), code, detail)
                .withHeader(HttpHeaders.WWW_AUTHENTICATE, challenge));
    }

    @Override
    public int getOrder() {
        return GatewayFilterOrder.AUTHENTICATION;
    }
}
