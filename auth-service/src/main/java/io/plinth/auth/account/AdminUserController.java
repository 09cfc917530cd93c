package io.plinth.auth.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.plinth.platform.problem.ApiException;
import io.plinth.platform.security.AdminOnly;
import io.plinth.platform.security.CurrentUser;
import io.plinth.web.FieldViolation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/admin/users?email=&limit=&cursor=}: an admin finds users of their own tenant by (part of) their
 * email address, for the console's Users page. Other tenants' users are never found.
 */
@RestController
class AdminUserController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final UserDirectory directory;

    AdminUserController(UserDirectory directory) {
        this.directory = directory;
    }

    record UserSummary(String userId, String email, String tier, List<String> roles, boolean emailVerified,
            Instant createdAt) {
        static UserSummary of(UserDirectory.Found u) {
            return new UserSummary(u.id().toString(), u.email(), u.tier(), u.roles(), u.emailVerified(), u.createdAt());
        }
    }

    record UserPage(List<UserSummary> items, String nextCursor) {
    }

    @AdminOnly
    @GetMapping("/api/v1/admin/users")
    Mono<UserPage> search(CurrentUser admin, @RequestParam(required = false) String email,
            @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        List<FieldViolation> errors = new ArrayList<>();
        if (email == null || email.isBlank() || email.trim().length() > 254) {
            errors.add(FieldViolation.of("email", "invalid_value", "email must be 1 to 254 characters of the address to find."));
        }
        int size = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_LIMIT) {
                errors.add(FieldViolation.of("limit", "out_of_range", "limit must be a whole number from 1 to " + MAX_LIMIT + "."));
            }
        }
        Optional<String> after = cursor == null ? Optional.empty() : UserDirectory.decode(cursor);
        if (cursor != null && after.isEmpty()) {
            errors.add(FieldViolation.of("cursor", "invalid_cursor", "cursor must be a nextCursor from an earlier page."));
        }
        if (!errors.isEmpty()) {
            return Mono.error(ApiException.unprocessable(errors));
        }
        return directory.search(admin.tenantId(), email, after.orElse(null), size)
                .map(page -> new UserPage(page.items().stream().map(UserSummary::of).toList(), page.nextCursor()));
    }
}
