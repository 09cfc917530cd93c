package io.plinth.auth.tenant;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.swagger.v3.oas.annotations.media.Schema;
import io.plinth.platform.problem.ApiException;
import io.plinth.platform.security.AdminOnly;
import io.plinth.platform.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Tenant administration: only admins of the default (operator) tenant manage tenants. */
@RestController
@RequestMapping("/api/v1/admin/tenants")
class TenantController {

    private final TenantDirectory tenants;

    TenantController(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    /** {@code tenantId}, as in registration, tokens and every response; {@code id} is still accepted. */
    record CreateTenantRequest(
            @JsonAlias("id")
            @Schema(description = "2-63 characters: lower-case letters, digits and '-'. Formerly `id`, still accepted.",
                    example = "acme-school")
            String tenantId,
            String name) {
    }

    record TenantResponse(String tenantId, String name, Instant createdAt) {
        static TenantResponse of(TenantDirectory.Tenant t) {
            return new TenantResponse(t.id(), t.name(), t.createdAt());
        }
    }

    @AdminOnly
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<TenantResponse> create(CurrentUser user, @RequestBody CreateTenantRequest request) {
        return requireOperator(user).then(tenants.create(request.tenantId(), request.name())).map(TenantResponse::of);
    }

    @AdminOnly
    @GetMapping
    Flux<TenantResponse> list(CurrentUser user) {
        return requireOperator(user).thenMany(tenants.list()).map(TenantResponse::of);
    }

    private static Mono<Void> requireOperator(CurrentUser user) {
        return TenantDirectory.DEFAULT_TENANT.equals(user.tenantId())
                ? Mono.empty()
                : Mono.error(ApiException.forbidden("Only platform admins manage tenants"));
    }
}
