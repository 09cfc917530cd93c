package io.plinth.console.apps;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.plinth.console.form.FormErrors;
import io.plinth.console.form.Paging;
import io.plinth.console.platform.ApiProblem;
import io.plinth.console.platform.PlatformApi;
import io.plinth.console.session.Operator;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Partner apps of the operator's tenant (auth-service's {@code /api/v1/admin/apps}): the list, registration — the
 * API key is on the answer page once and nowhere else, the platform keeps only its hash — key rotation and
 * revocation, each destructive step behind a confirmation page.
 */
@Controller
class AppsController {

    /** The permissions an app can be given (API.md). */
    static final List<String> PERMISSIONS = List.of("read_user_info", "read_credits", "consume_credits", "purchase_credits");
    static final int PAGE = 25;

    record AppView(String appId, String name, String domain, List<String> permissions, Instant createdAt,
            Instant keyRotatedAt, boolean revoked) {
    }

    record Registered(String appId, String name, String domain, List<String> permissions, String apiKey) {
    }

    record ApiKey(String appId, String apiKey) {
    }

    private static final ParameterizedTypeReference<List<AppView>> APPS = new ParameterizedTypeReference<>() {
    };

    private final PlatformApi api;

    AppsController(PlatformApi api) {
        this.api = api;
    }

    @GetMapping("/console/apps")
    Mono<Rendering> list(Operator operator, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String done) {
        return listPage(operator, cursor, Map.of(), "", List.of(), null, HttpStatus.OK)
                .map(page -> page.modelAttribute("done", done).build());
    }

    @PostMapping("/console/apps")
    Mono<Rendering> register(Operator operator, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            FormErrors errors = new FormErrors();
            String name = errors.text("name", "Name", form.getFirst("name"), 200);
            String domain = errors.text("domain", "Domain", form.getFirst("domain"), 253);
            List<String> permissions = permissions(form, errors);
            if (errors.any()) {
                return listPage(operator, null, errors.asMap(), form.getFirst("name"), chosen(form), null,
                        HttpStatus.UNPROCESSABLE_CONTENT).map(Rendering.Builder::build);
            }
            return api.send(operator.accessToken(), HttpMethod.POST, u -> u.path("/api/v1/admin/apps").build(),
                            Map.of("name", name, "domain", domain, "permissions", permissions), Map.of(), Registered.class)
                    .map(app -> Rendering.view("app-key").modelAttribute("app", app)
                            .modelAttribute("apiKey", app.apiKey()).modelAttribute("fresh", true).build())
                    .onErrorResume(ApiProblem.class, problem -> listPage(operator, null, problem.fieldMessages(),
                            form.getFirst("name"), chosen(form), problem, HttpStatus.valueOf(problem.status()))
                            .map(Rendering.Builder::build));
        });
    }

    @GetMapping("/console/apps/{appId}/revoke")
    Mono<Rendering> confirmRevoke(Operator operator, @PathVariable String appId) {
        return app(operator, appId).map(app -> Rendering.view("confirm")
                .modelAttribute("heading", "Revoke " + app.name() + "?")
                .modelAttribute("message", "Its API key stops working at once and cannot be restored. "
                        + app.domain() + " will no longer sign users in or spend credits through Plinth.")
                .modelAttribute("action", "/console/apps/" + app.appId() + "/revoke")
                .modelAttribute("button", "Revoke " + app.name())
                .modelAttribute("cancel", "/console/apps").build());
    }

    @PostMapping("/console/apps/{appId}/revoke")
    Mono<Rendering> revoke(Operator operator, @PathVariable String appId) {
        return api.send(operator.accessToken(), HttpMethod.DELETE,
                        u -> u.path("/api/v1/admin/apps/{id}").build(appId), null, Map.of(), String.class)
                .then(Mono.fromSupplier(() -> Rendering.redirectTo("/console/apps?done=revoked").build()));
    }

    @GetMapping("/console/apps/{appId}/rotate-key")
    Mono<Rendering> confirmRotate(Operator operator, @PathVariable String appId) {
        return app(operator, appId).map(app -> Rendering.view("confirm")
                .modelAttribute("heading", "Issue a new API key for " + app.name() + "?")
                .modelAttribute("message", "The current key stops working at once; the app needs the new one, "
                        + "which is shown once.")
                .modelAttribute("action", "/console/apps/" + app.appId() + "/rotate-key")
                .modelAttribute("button", "Issue a new key")
                .modelAttribute("cancel", "/console/apps").build());
    }

    @PostMapping("/console/apps/{appId}/rotate-key")
    Mono<Rendering> rotate(Operator operator, @PathVariable String appId) {
        return app(operator, appId).zipWith(api.send(operator.accessToken(), HttpMethod.POST,
                        u -> u.path("/api/v1/admin/apps/{id}/rotate-key").build(appId), null, Map.of(), ApiKey.class))
                .map(both -> Rendering.view("app-key").modelAttribute("app", both.getT1())
                        .modelAttribute("apiKey", both.getT2().apiKey()).modelAttribute("fresh", false).build());
    }

    private Mono<AppView> app(Operator operator, String appId) {
        return api.get(operator.accessToken(), u -> u.path("/api/v1/admin/apps/{id}").build(appId), AppView.class);
    }

    private Mono<Rendering.Builder<?>> listPage(Operator operator, String cursor, Map<String, String> errors,
            String name, List<String> chosen, ApiProblem problem, HttpStatus status) {
        return api.get(operator.accessToken(), u -> u.path("/api/v1/admin/apps").build(), APPS)
                .map(apps -> {
                    Paging.Slice<AppView> page = Paging.slice(apps, cursor, PAGE);
                    Rendering.Builder<?> view = Rendering.view("apps")
                            .modelAttribute("apps", page.items())
                            .modelAttribute("nextCursor", page.nextCursor())
                            .modelAttribute("permissions", PERMISSIONS)
                            .modelAttribute("chosen", chosen)
                            .modelAttribute("name", name == null ? "" : name)
                            .modelAttribute("errors", errors)
                            .status(status);
                    if (problem != null) {
                        view.modelAttribute("problem", problem);
                    }
                    return view;
                });
    }

    private static List<String> permissions(MultiValueMap<String, String> form, FormErrors errors) {
        List<String> chosen = chosen(form);
        if (chosen.isEmpty()) {
            errors.add("permissions", "Choose at least one permission.");
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String permission : chosen) {
            if (!PERMISSIONS.contains(permission)) {
                errors.add("permissions", "Unknown permission: " + permission + ".");
            } else if (!out.contains(permission)) {
                out.add(permission);
            }
        }
        return out;
    }

    private static List<String> chosen(MultiValueMap<String, String> form) {
        List<String> values = form.get("permissions");
        return values == null ? List.of() : values.stream().limit(20).toList();
    }
}
