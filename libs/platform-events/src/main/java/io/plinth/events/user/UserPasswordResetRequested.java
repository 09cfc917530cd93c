package io.plinth.events.user;

import io.plinth.events.EventData;
import java.time.Instant;

/**
 * A user asked for a password reset; integration-service mails the token.
 * The token travels only sealed for the mailer ({@link MailTokenSeal}, docs/adr/0005): any other consumer
 * of the topic must not be able to use it.
 * Type {@value #TYPE}; topic and catalog entry in {@link io.plinth.events.EventTypes}.
 */
public record UserPasswordResetRequested(String userId, String email, String sealedToken, Instant expiresAt) implements EventData {

    public static final String TYPE = "user.password-reset-requested";
}
