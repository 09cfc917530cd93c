package io.plinth.events.user;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import io.plinth.events.crypto.AesGcm;

/**
 * Seals the one-time tokens of {@link UserEmailVerificationRequested} and {@link UserPasswordResetRequested}
 * for the mailer (docs/adr/0005): AES-256-GCM under the mail-token key ({@code PLINTH_MAIL_TOKEN_KEY}), held
 * only by auth-service, which seals, and the service that sends the mail, which opens. Every other consumer
 * of {@code plinth.users.v1} sees bytes it cannot use. The event type and user id are bound in as associated
 * data, so a sealed token opens only for the event and user it was sealed for.
 *
 * <p>Format: base64url(12-byte IV ‖ ciphertext ‖ 16-byte tag), no padding.
 */
public final class MailTokenSeal {

    /** Published in this repository: only a platform started with the development flag may use it. */
    public static final String DEVELOPMENT_KEY = "cGxpbnRoLWRldnN0YWNrLW1haWwtdG9rZW5zLW9ubHk=";

    private final AesGcm aes;

    public MailTokenSeal(byte[] key) {
        this.aes = new AesGcm(key, "The mail-token key");
    }

    public static MailTokenSeal fromBase64(String base64) {
        return new MailTokenSeal(Base64.getDecoder().decode(base64.trim()));
    }

    public String seal(String token, String eventType, String userId) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    aes.seal(token.getBytes(StandardCharsets.UTF_8), context(eventType, userId)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Sealing a mail token failed", e);
        }
    }

    /** Fails when the value was altered, sealed for another event or user, or under another key. */
    public String open(String sealed, String eventType, String userId) {
        try {
            return new String(aes.open(Base64.getUrlDecoder().decode(sealed), context(eventType, userId)),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("The mail token cannot be opened with this key", e);
        }
    }

    private static byte[] context(String eventType, String userId) {
        return (eventType + "\n" + userId).getBytes(StandardCharsets.UTF_8);
    }
}
