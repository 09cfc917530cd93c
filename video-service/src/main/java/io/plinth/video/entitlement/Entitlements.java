package io.plinth.video.entitlement;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Who holds which entitlement in a tenant. Grants are idempotent per cause. */
@Service
public class Entitlements {

    private static final Logger log = LoggerFactory.getLogger(Entitlements.class);

    private final EntitlementStore store;
    private final Clock clock;

    Entitlements(EntitlementStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Mono<Boolean> holds(String tenantId, String userId, String entitlement) {
        return store.holds(tenantId, userId, entitlement);
    }

    /** Records {@code entitlement} for the user because of {@code source}; a malformed name is logged and skipped. */
    Mono<Void> grant(String tenantId, String userId, String entitlement, String source) {
        if (!Entitlement.isValid(entitlement) || userId == null || userId.isBlank()) {
            log.warn("Not granting '{}' to user '{}' from {}: not an entitlement this service knows", entitlement,
                    userId, source);
            return Mono.empty();
        }
        return store.grant(tenantId, userId, entitlement, source, clock.instant())
                .doOnNext(granted -> {
                    if (granted) {
                        log.info("Granted {} to user {} in tenant {} ({})", entitlement, userId, tenantId, source);
                    }
                })
                .then();
    }
}
