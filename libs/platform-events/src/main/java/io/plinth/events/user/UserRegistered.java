package io.plinth.events.user;

import io.plinth.events.EventData;

/**
 * A user account was created (phone and tier may be null).
 * Type {@value #TYPE}; topic and catalog entry in {@link io.plinth.events.EventTypes}.
 */
public record UserRegistered(String userId, String email, String phone, String tier) implements EventData {

    public static final String TYPE = "user.registered";
}
