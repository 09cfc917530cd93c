package io.plinth.auth.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import io.plinth.events.crypto.AesGcm;

/**
 * AES-256-GCM for private signing keys at rest: 12-byte random IV followed by ciphertext+tag, with the
 * key id as associated data so a ciphertext cannot be moved to another row.
 */
public final class KeyEncryptor {

    private final AesGcm aes;

    public KeyEncryptor(byte[] key) {
        this.aes = new AesGcm(key, "The key-encryption key");
    }

    public static KeyEncryptor fromBase64(String base64) {
        return new KeyEncryptor(Base64.getDecoder().decode(base64.trim()));
    }

    public byte[] encrypt(String plaintext, String kid) {
        try {
            return aes.seal(plaintext.getBytes(StandardCharsets.UTF_8), kid.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** Fails when the data was altered, belongs to another kid, or was sealed with another key. */
    public String decrypt(byte[] sealed, String kid) {
        try {
            return new String(aes.open(sealed, kid.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signing key " + kid + " cannot be decrypted with the configured key", e);
        }
    }
}
