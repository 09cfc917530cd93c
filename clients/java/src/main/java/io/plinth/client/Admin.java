package io.plinth.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Admin calls of a {@link UserSession} whose user has the ADMIN role, limited to the admin's
 * tenant; anyone else gets a {@link ForbiddenException}.
 */
public final class Admin {

    private final UserSession session;

    Admin(UserSession session) {
        this.session = session;
    }

    /**
     * Registers a partner app ({@code POST /api/v1/admin/apps}). Not retried once sent: a retry could
     * register a second app.
     *
     * @param name        the app's name
     * @param domain      its domain
     * @param permissions among {@code read_user_info}, {@code read_credits}, {@code consume_credits},
     *                    {@code purchase_credits}
     * @return the app with its API key, shown this once
     */
    public RegisteredApp registerApp(String name, String domain, List<String> permissions) {
        return Futures.await(registerAppAsync(name, domain, permissions));
    }

    /** {@link #registerApp(String, String, List)}, without blocking. */
    public CompletableFuture<RegisteredApp> registerAppAsync(String name, String domain, List<String> permissions) {
        Checks.notNull(permissions, "permissions");
        Map<String, Object> body = PlinthClient.body("name", Checks.notBlank(name, "name"),
                "domain", Checks.notBlank(domain, "domain"), "permissions", List.copyOf(permissions));
        return session.send(Call.post("/api/v1/admin/apps", body, Call.Retry.UNSENT_ONLY), RegisteredApp.class);
    }

    /**
     * Grants credits to a user ({@code POST /api/v1/admin/credits/{userId}/grant}) with a generated
     * Idempotency-Key, so a retry never grants twice.
     *
     * @param userId  who receives them
     * @param credits how many, positive
     * @param reason  why, kept on the ledger line
     */
    public Grant grantCredits(String userId, long credits, String reason) {
        return Futures.await(grantCreditsAsync(userId, credits, reason, null));
    }

    /**
     * {@link #grantCredits(String, long, String)}, without blocking.
     *
     * @param idempotencyKey your key for this grant, or null to have one generated
     */
    public CompletableFuture<Grant> grantCreditsAsync(String userId, long credits, String reason, String idempotencyKey) {
        Checks.notBlank(userId, "userId");
        Map<String, Object> body = PlinthClient.body("credits", Checks.positive(credits, "credits"),
                "reason", Checks.notBlank(reason, "reason"));
        Call call = Call.post("/api/v1/admin/credits/" + Call.encode(userId)
                + "/grant", body, Call.Retry.SAFE).idempotencyKey(IdempotencyKeys.orGenerate(idempotencyKey));
        return session.send(call, Grant.class);
    }
}
