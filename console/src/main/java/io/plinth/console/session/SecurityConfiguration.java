package io.plinth.console.session;

import java.nio.charset.StandardCharsets;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import reactor.core.publisher.Mono;

/**
 * Spring Security does three things here and no authentication: the CSRF check on every unsafe request (token in
 * the form, its twin in a cookie — {@link CsrfCookies}), the response headers (a Content-Security-Policy that
 * allows nothing inline and nothing from elsewhere, no framing, no referrer leaks), and a plain 403 page for a post
 * without a valid token. Who is signed in is {@link SessionFilter}'s business: the platform's tokens, not a
 * console account.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";

    private static final String CSRF_REFUSED = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Refused</title>\
            <link rel="stylesheet" href="/console/static/css/console.css"></head><body><main class="narrow">\
            <h1>Refused: this form did not come from the console</h1>\
            <p>The form's security token is missing or stale. Go back, reload the page and try again.</p>\
            <p><a href="/console">Back to the console</a></p></main></body></html>""";

    @Bean
    SecurityWebFilterChain consoleSecurity(ServerHttpSecurity http) {
        return http
                .csrf(csrf -> csrf.csrfTokenRepository(new CsrfCookies()).accessDeniedHandler(csrfRefused()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.mode(Mode.DENY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.disable())
                .build();
    }

    /** No console accounts exist; this only keeps Boot from inventing a default user with a logged password. */
    @Bean
    ReactiveUserDetailsService noConsoleAccounts() {
        return username -> Mono.empty();
    }

    private static ServerAccessDeniedHandler csrfRefused() {
        return (exchange, denied) -> {
            var response = exchange.getResponse();
            response.setStatusCode(HttpStatus.FORBIDDEN);
            response.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
            return response.writeWith(Mono.just(response.bufferFactory().wrap(CSRF_REFUSED.getBytes(StandardCharsets.UTF_8))));
        };
    }
}
