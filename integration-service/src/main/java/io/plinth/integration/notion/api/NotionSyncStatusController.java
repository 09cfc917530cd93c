package io.plinth.integration.notion.api;

import io.plinth.integration.notion.NotionSyncStatus;
import io.plinth.platform.problem.ApiException;
import io.plinth.platform.security.AdminOnly;
import io.plinth.platform.security.CurrentUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/admin/integrations/notion/sync-status}: the caller's tenant's Notion sync, admins only. Another
 * tenant's objects are never counted: every figure is read by the token's tenant.
 */
@RestController
class NotionSyncStatusController {

    private final NotionSyncStatus status;

    NotionSyncStatusController(NotionSyncStatus status) {
        this.status = status;
    }

    @AdminOnly
    @GetMapping("/api/v1/admin/integrations/notion/sync-status")
    Mono<NotionSyncStatus.Status> syncStatus(CurrentUser user) {
        return Mono.defer(() -> {
            if (user.tenantId() == null || user.tenantId().isBlank()) {
                throw ApiException.forbidden("The token names no tenant.");
            }
            return status.of(user.tenantId());
        });
    }
}
