package io.plinth.console.session;

import java.util.Map;

import io.plinth.console.form.FormErrors;
import io.plinth.console.platform.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Sign-in with an admin account of the platform, sign-out, and the page a non-admin gets instead of the console. */
@Controller
class LoginController {

    record LoginForm(String email, String password) {
    }

    private final Sessions sessions;

    LoginController(Sessions sessions) {
        this.sessions = sessions;
    }

    @GetMapping(ConsolePaths.LOGIN)
    Rendering loginPage(@RequestParam(name = "signedOut", required = false) String signedOut) {
        return Rendering.view("login").modelAttribute("email", "").modelAttribute("errors", Map.of())
                .modelAttribute("signedOut", signedOut != null).build();
    }

    @PostMapping(ConsolePaths.LOGIN)
    Mono<Rendering> login(@ModelAttribute LoginForm form, ServerWebExchange exchange) {
        FormErrors errors = new FormErrors();
        String email = errors.email("email", "Email", form.email());
        String password = errors.text("password", "Password", form.password(), 1024);
        if (errors.any()) {
            return Mono.just(loginAgain(form.email(), errors.asMap(), null, HttpStatus.UNPROCESSABLE_CONTENT));
        }
        return sessions.login(email, password, BrowserAddress.of(exchange))
                .flatMap(pair -> sessions.me(pair.accessToken()).flatMap(me -> {
                    if (!me.isAdmin()) {
                        // Nothing of the console for a non-admin, not even a session: revoke what login gave.
                        return sessions.logout(pair.accessToken(), pair.refreshToken())
                                .thenReturn(Rendering.view("not-admin").modelAttribute("email", me.email())
                                        .status(HttpStatus.FORBIDDEN).build());
                    }
                    SessionCookies.store(exchange, pair.accessToken(), pair.accessAge(), pair.refreshToken());
                    SessionCookies.storeWho(exchange, me.userId(), me.email());
                    return Mono.just(Rendering.redirectTo(ConsolePaths.ROOT).build());
                }))
                .onErrorResume(ApiProblem.class, problem -> Mono.just(loginAgain(form.email(), Map.of(), problem,
                        problem.status() == 401 ? HttpStatus.UNAUTHORIZED : HttpStatus.valueOf(problem.status()))));
    }

    @GetMapping(ConsolePaths.NOT_ADMIN)
    Rendering notAdmin() {
        return Rendering.view("not-admin").status(HttpStatus.FORBIDDEN).build();
    }

    @PostMapping("/console/logout")
    Mono<Rendering> logout(ServerWebExchange exchange) {
        String access = SessionCookies.access(exchange);
        String refresh = SessionCookies.refresh(exchange);
        SessionCookies.clear(exchange);
        return sessions.logout(access, refresh).thenReturn(Rendering.redirectTo(ConsolePaths.LOGIN + "?signedOut=1").build());
    }

    private static Rendering loginAgain(String email, Map<String, String> errors, ApiProblem problem, HttpStatus status) {
        Rendering.Builder<?> page = Rendering.view("login")
                .modelAttribute("email", email == null ? "" : email)
                .modelAttribute("errors", errors)
                .modelAttribute("signedOut", false)
                .status(status);
        if (problem != null) {
            page.modelAttribute("problem", problem);
        }
        return page.build();
    }
}
