package io.plinth.events.user;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

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

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public MailTokenSeal(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("The mail-token key must be 32 bytes (AES-256), was " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    public static MailTokenSeal fromBase64(String base64) {
        return new MailTokenSeal(Base64.getDecoder().decode(base64.trim()));
    }

    public String seal(String token, String eventType, String userId) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, eventType, userId);
            byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Sealing a mail token failed", e);
        }
    }

    /** Fails when the value was altered, sealed for another event or user, or under another key. */
    public String open(String sealed, String eventType, String userId) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(sealed);
            if (bytes.length <= IV_BYTES) {
                throw new IllegalArgumentException("Not a sealed mail token");
            }
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(bytes, IV_BYTES), eventType, userId);
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The mail token cannot be opened with this key", e);
        }
    }

    private Cipher cipher(int mode, byte[] iv, String eventType, String userId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD((eventType + "\n" + userId).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
