package io.plinth.platform.outbox;

import java.time.Instant;

import io.plinth.platform.problem.ApiException;
import io.plinth.platform.security.AdminOnly;
import io.plinth.platform.security.CurrentUser;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/admin/services/<spring.application.name>/outbox}: this service's outbox backlog, for the
 * platform's operators (the console's Overview). Each service answers under its own name, so the gateway routes
 * the path by that name and a request that reached the wrong service is a 404, never another service's figures.
 * The outbox is the whole platform's, not a tenant's: only admins of the operator tenant may read it.
 */
@RestController
class OutboxAdminController {

    /** The operators' tenant (auth-service's first tenant); admins of any other tenant are refused. */
    static final String PLATFORM_TENANT = "default";

    record BacklogResponse(String service, long unpublished, long oldestAgeSeconds, Instant oldestCreatedAt) {
    }

    private final DatabaseClient db;
    private final String service;

    OutboxAdminController(DatabaseClient db, String service) {
        this.db = db;
        this.service = service;
    }

    @AdminOnly
    @GetMapping("/api/v1/admin/services/${spring.application.name:unnamed-service}/outbox")
    Mono<BacklogResponse> backlog(CurrentUser admin) {
        if (!PLATFORM_TENANT.equals(admin.tenantId())) {
            return Mono.error(ApiException.forbidden("Only platform admins see a service's outbox"));
        }
        return OutboxBacklog.read(db).map(b -> new BacklogResponse(service, b.unpublished(), b.oldestAgeSeconds(),
                b.oldestCreatedAt()));
    }
}
