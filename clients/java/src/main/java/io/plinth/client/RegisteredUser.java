package io.plinth.client;

/**
 * A new account.
 *
 * @param userId   the new user's id
 * @param email    the sign-in email
 * @param tier     the starting tier ({@code free})
 * @param tenantId the tenant
 */
public record RegisteredUser(String userId, String email, String tier, String tenantId) {
}
