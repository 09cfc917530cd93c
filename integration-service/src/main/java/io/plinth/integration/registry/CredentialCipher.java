package io.plinth.integration.registry;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for stored credentials. Every write gets a fresh random 96-bit nonce; the tenant and the integration
 * are the associated data, so a ciphertext copied to another tenant's or another integration's row does not open;
 * the id of the key that sealed it is stored beside it, so keys can rotate: new writes use the active key, any
 * configured key opens, and {@link CredentialReencryption} moves old rows to the active key. Plain Java.
 */
final class CredentialCipher {

    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What is stored: the key's id, the nonce, and ciphertext with its 16-byte tag. */
    record Sealed(String keyId, byte[] nonce, byte[] ciphertext) {
    }

    /** The credentials could not be opened: a key id not configured, a wrong key, or tampered data. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;

    private CredentialCipher(Map<String, SecretKey> keys, String activeKeyId) {
        this.keys = Map.copyOf(keys);
        this.activeKeyId = activeKeyId;
    }

    /**
     * Reads {@code keys} ({@code id:base64key,id:base64key,…}, each key exactly 32 bytes) and the active key id
     * (may be blank when there is one key). Throws {@link IllegalArgumentException} saying what is wrong, never
     * quoting key material.
     */
    static CredentialCipher fromConfiguration(String keys, String activeKeyId) {
        if (keys == null || keys.isBlank()) {
            throw new IllegalArgumentException("No credential encryption key: set PLINTH_INTEGRATION_CREDENTIALS_KEYS to"
                    + " id:base64key[,id:base64key…] with 32-byte keys (e.g. \"k1:$(openssl rand -base64 32)\").");
        }
        Map<String, SecretKey> parsed = new LinkedHashMap<>();
        for (String entry : keys.split(",")) {
            String trimmed = entry.trim();
            int colon = trimmed.indexOf(':');
            String id = colon < 0 ? "" : trimmed.substring(0, colon);
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("PLINTH_INTEGRATION_CREDENTIALS_KEYS: every entry must be id:base64key"
                        + " with an id of letters, digits, '.', '_' or '-'; entry " + (parsed.size() + 1) + " is not.");
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(trimmed.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("PLINTH_INTEGRATION_CREDENTIALS_KEYS: key '" + id + "' is not base64.");
            }
            if (bytes.length != KEY_BYTES) {
                throw new IllegalArgumentException("PLINTH_INTEGRATION_CREDENTIALS_KEYS: key '" + id + "' is " + bytes.length
                        + " bytes; AES-256 needs exactly " + KEY_BYTES + " (e.g. openssl rand -base64 32).");
            }
            if (parsed.put(id, new SecretKeySpec(bytes, "AES")) != null) {
                throw new IllegalArgumentException("PLINTH_INTEGRATION_CREDENTIALS_KEYS: key id '" + id + "' appears twice.");
            }
        }
        String active = activeKeyId == null || activeKeyId.isBlank() ? null : activeKeyId.trim();
        if (active == null) {
            if (parsed.size() > 1) {
                throw new IllegalArgumentException("PLINTH_INTEGRATION_CREDENTIALS_ACTIVEKEYID must name the key new"
                        + " writes use when PLINTH_INTEGRATION_CREDENTIALS_KEYS holds several (" + parsed.keySet() + ").");
            }
            active = parsed.keySet().iterator().next();
        }
        if (!parsed.containsKey(active)) {
            throw new IllegalArgumentException("PLINTH_INTEGRATION_CREDENTIALS_ACTIVEKEYID is '" + active
                    + "', which is not among the configured keys " + parsed.keySet() + ".");
        }
        return new CredentialCipher(parsed, active);
    }

    String activeKeyId() {
        return activeKeyId;
    }

    Set<String> keyIds() {
        return keys.keySet();
    }

    Sealed seal(String tenantId, IntegrationKey integration, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(tenantId, integration));
            return new Sealed(activeKeyId, nonce, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    byte[] open(String tenantId, IntegrationKey integration, Sealed sealed) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new Unreadable("sealed with key '" + sealed.keyId() + "', which is not configured");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(associatedData(tenantId, integration));
            return cipher.doFinal(sealed.ciphertext());
        } catch (javax.crypto.AEADBadTagException e) {
            throw new Unreadable("does not open with key '" + sealed.keyId() + "' for this tenant and integration"
                    + " (wrong key, or moved or altered data)");
        } catch (GeneralSecurityException e) {
            throw new Unreadable("cannot be opened: " + e.getClass().getSimpleName());
        }
    }

    /** Length-prefixed, so no (tenant, integration) pair can be spelled as another. */
    private static byte[] associatedData(String tenantId, IntegrationKey integration) {
        String t = tenantId == null ? "" : tenantId;
        return ("plinth-integration-credentials:v1:" + t.length() + ":" + t + ":" + integration.id())
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "CredentialCipher[keys=" + keys.keySet() + ", active=" + activeKeyId + "]";
    }
}
