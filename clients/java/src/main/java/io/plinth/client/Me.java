package io.plinth.client;

import java.util.List;

/**
 * The signed-in user, as {@code GET /api/v1/auth/me} describes them.
 *
 * @param userId        the user's id
 * @param email         the sign-in email
 * @param phone         the phone number, or null
 * @param tier          {@code free}, {@code pro} or {@code premium}
 * @param roles         e.g. {@code USER}, {@code ADMIN}
 * @param tenantId      the tenant the user belongs to
 * @param emailVerified whether the email was confirmed
 */
public record Me(String userId, String email, String phone, String tier, List<String> roles, String tenantId,
                 boolean emailVerified) {
}
