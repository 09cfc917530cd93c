package io.plinth.client;

/**
 * The user as a partner app may see them.
 *
 * @param userId   the user's id
 * @param tenantId their tenant
 * @param email    their email, only if the app holds {@code read_user_info}; else null
 */
public record AppUser(String userId, String tenantId, String email) {
}
