package io.plinth.integration.registry.api;

import io.plinth.integration.registry.IntegrationChange;
import io.plinth.integration.registry.IntegrationKey;
import io.plinth.integration.registry.IntegrationRegistry;
import io.plinth.integration.registry.IntegrationView;
import io.plinth.integration.registry.TestResult;
import io.plinth.platform.problem.ApiException;
import io.plinth.platform.security.AdminOnly;
import io.plinth.platform.security.CurrentUser;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The tenant integration registry, for the admins of the caller's tenant:
 * {@code GET /api/v1/admin/integrations}, {@code GET|PUT /api/v1/admin/integrations/{key}},
 * {@code POST /api/v1/admin/integrations/{key}/test}. An unknown key is a 404: the path names a resource, and the
 * set of integrations is fixed, so there is no such resource to read, write or test.
 */
@RestController
class IntegrationAdminController {

    private final IntegrationRegistry registry;

    IntegrationAdminController(IntegrationRegistry registry) {
        this.registry = registry;
    }

    record ListView(List<IntegrationView> items) {
    }

    @AdminOnly
    @GetMapping("/api/v1/admin/integrations")
    Mono<ListView> list(CurrentUser user) {
        return Mono.defer(() -> registry.list(tenant(user))).map(ListView::new);
    }

    @AdminOnly
    @GetMapping("/api/v1/admin/integrations/{key}")
    Mono<IntegrationView> get(CurrentUser user, @PathVariable String key) {
        return Mono.defer(() -> registry.get(tenant(user), integration(key)));
    }

    @AdminOnly
    @PutMapping("/api/v1/admin/integrations/{key}")
    Mono<IntegrationView> put(CurrentUser user, @PathVariable String key, @RequestBody Map<String, Object> body) {
        return Mono.defer(() -> registry.put(tenant(user), user.userId(), integration(key), body))
                .onErrorMap(IntegrationAdminController::problem);
    }

    @AdminOnly
    @PostMapping("/api/v1/admin/integrations/{key}/test")
    Mono<TestResult> test(CurrentUser user, @PathVariable String key) {
        return Mono.defer(() -> registry.test(tenant(user), integration(key))).onErrorMap(IntegrationAdminController::problem);
    }

    private static IntegrationKey integration(String key) {
        return IntegrationKey.fromId(key).orElseThrow(() -> ApiException.notFound(
                "No integration '" + key + "'; the integrations are " + IntegrationKey.ids() + "."));
    }

    private static String tenant(CurrentUser user) {
        if (user.tenantId() == null || user.tenantId().isBlank()) {
            throw ApiException.forbidden("The token names no tenant.");
        }
        return user.tenantId();
    }

    private static Throwable problem(Throwable e) {
        if (e instanceof IntegrationChange.Invalid invalid) {
            return ApiException.unprocessable(invalid.errors());
        }
        if (e instanceof IntegrationRegistry.NotConfigured) {
            return ApiException.conflict("integration_not_configured", e.getMessage());
        }
        return e;
    }
}
