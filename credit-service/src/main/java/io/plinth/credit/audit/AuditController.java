package io.plinth.credit.audit;

import io.plinth.platform.security.AdminOnly;
import io.plinth.platform.security.CurrentUser;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * An admin recomputes the wallets of their own tenant now. There is no platform-wide variant over
 * HTTP: the scheduled check covers every tenant and reports through metrics and logs, and a
 * tenant's admin must not learn another tenant's users or balances (issue #10, item 8).
 */
@RestController
class AuditController {

    private final InvariantChecker checker;

    AuditController(InvariantChecker checker) {
        this.checker = checker;
    }

    @AdminOnly
    @PostMapping("/api/v1/admin/credits/audit")
    Mono<InvariantChecker.Report> audit(CurrentUser admin) {
        return checker.check(admin.tenantId());
    }
}
