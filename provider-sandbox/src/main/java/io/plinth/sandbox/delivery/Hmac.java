package io.plinth.sandbox.delivery;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256, the primitive every provider's webhook signature is built on. */
public final class Hmac {

    private static final HexFormat HEX = HexFormat.of();

    private Hmac() {
    }

    public static byte[] sha256(String secret, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Lower-case hex of HMAC-SHA256(secret, parts…): Stripe, Pipit, CapCut and Zoom. */
    public static String hex(String secret, byte[]... parts) {
        return HEX.formatHex(sha256(secret, parts));
    }

    /** Base64 of HMAC-SHA256(secret, parts…): DocuSign Connect. */
    public static String base64(String secret, byte[]... parts) {
        return Base64.getEncoder().encodeToString(sha256(secret, parts));
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
