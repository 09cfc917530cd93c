package io.plinth.console.session;

import io.plinth.console.platform.ApiProblem;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * What every page gets: the CSRF token for its forms and the signed-in operator; and what any page does with an API
 * refusal it does not handle itself: shows the problem's title and detail (a 401 means the session is gone: sign in
 * again).
 */
@ControllerAdvice
class ConsoleModel {

    @ModelAttribute("_csrf")
    Mono<CsrfToken> csrf(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return token == null ? Mono.empty() : token;
    }

    @ModelAttribute("operator")
    Mono<Operator> operator(ServerWebExchange exchange) {
        return Mono.justOrEmpty(exchange.<Operator>getAttribute(SessionFilter.OPERATOR));
    }

    @ExceptionHandler(ApiProblem.class)
    Mono<Rendering> problem(ApiProblem problem, ServerWebExchange exchange) {
        if (problem.status() == HttpStatus.UNAUTHORIZED.value()) {
            SessionCookies.clear(exchange);
            return Mono.just(Rendering.redirectTo(ConsolePaths.LOGIN).build());
        }
        Mono<CsrfToken> token = csrf(exchange);
        return token.map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .map(csrf -> {
                    Rendering.Builder<?> page = Rendering.view("problem").modelAttribute("problem", problem)
                            .status(HttpStatus.valueOf(problem.status() >= 400 && problem.status() < 600
                                    ? problem.status() : 502));
                    csrf.ifPresent(t -> page.modelAttribute("_csrf", t));
                    Operator operator = exchange.getAttribute(SessionFilter.OPERATOR);
                    if (operator != null) {
                        page.modelAttribute("operator", operator);
                    }
                    return page.build();
                });
    }

    /** Lets a handler declare {@code Operator operator}: the one {@link SessionFilter} signed in. */
    static final class OperatorResolver implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType().equals(Operator.class);
        }

        @Override
        public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext context, ServerWebExchange exchange) {
            Operator operator = exchange.getAttribute(SessionFilter.OPERATOR);
            return operator == null
                    ? Mono.error(new IllegalStateException("no operator: " + exchange.getRequest().getPath()))
                    : Mono.just(operator);
        }
    }
}
