package io.plinth.auth.apps;

import java.time.Instant;
import java.util.List;

import io.plinth.platform.security.AdminOnly;
import io.plinth.platform.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Admin management of registered apps, scoped to the admin's tenant. */
@RestController
@RequestMapping("/api/v1/admin/apps")
class AppController {

    private final Apps apps;

    AppController(Apps apps) {
        this.apps = apps;
    }

    record RegisterAppRequest(String name, String domain, List<String> permissions) {
    }

    record RegisteredAppResponse(String appId, String name, String domain, List<String> permissions, String apiKey) {
    }

    record AppResponse(String appId, String name, String domain, List<String> permissions, Instant createdAt,
                       Instant keyRotatedAt, boolean revoked) {
        static AppResponse of(App app) {
            return new AppResponse(app.id().toString(), app.name(), app.domain(), app.permissions(), app.createdAt(),
                    app.keyRotatedAt(), app.revoked());
        }
    }

    record ApiKeyResponse(String appId, String apiKey) {
    }

    @AdminOnly
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<RegisteredAppResponse> register(CurrentUser admin, @RequestBody RegisterAppRequest request) {
        return apps.register(admin.tenantId(), request.name(), request.domain(), request.permissions())
                .map(r -> new RegisteredAppResponse(r.app().id().toString(), r.app().name(), r.app().domain(),
                        r.app().permissions(), r.apiKey()));
    }

    @AdminOnly
    @GetMapping
    Flux<AppResponse> list(CurrentUser admin) {
        return apps.list(admin.tenantId()).map(AppResponse::of);
    }

    @AdminOnly
    @GetMapping("/{appId}")
    Mono<AppResponse> get(CurrentUser admin, @PathVariable String appId) {
        return apps.get(admin.tenantId(), appId).map(AppResponse::of);
    }

    @AdminOnly
    @PostMapping("/{appId}/rotate-key")
    Mono<ApiKeyResponse> rotateKey(CurrentUser admin, @PathVariable String appId) {
        return apps.rotateKey(admin.tenantId(), appId).map(key -> new ApiKeyResponse(appId, key));
    }

    @AdminOnly
    @DeleteMapping("/{appId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> revoke(CurrentUser admin, @PathVariable String appId) {
        return apps.revoke(admin.tenantId(), appId);
    }
}
