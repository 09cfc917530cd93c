package io.plinth.platform.callback;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Unguessable per-payment tokens for callback URLs of providers that do not sign their callbacks (M-Pesa
 * Daraja): the service that starts a payment puts {@code issue(secret, paymentId)} in the callback URL
 * ({@code /api/v1/webhooks/mpesa/{token}}), and the webhook ingress, which cannot read that service's
 * database, checks it with {@code verify} and the same secret ({@code PLINTH_WEBHOOKS_MPESA_SECRET}).
 *
 * <p>Token = {@code <reference>.<base64url(HMAC-SHA256(secret, "plinth-callback:" + reference))>}: only a holder of
 * the secret can make one, and each names the payment it belongs to. A valid token proves the callback URL
 * was ours, not that the money arrived: the payment service still confirms with the provider's status query.
 */
public final class CallbackTokens {

    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAX_TOKEN_LENGTH = 64 + 1 + 43;

    private CallbackTokens() {
    }

    /** A token for {@code reference} (letters, digits, {@code -}, {@code _}; at most 64), URL-safe as it is. */
    public static String issue(String secret, String reference) {
        if (reference == null || !REFERENCE.matcher(reference).matches()) {
            throw new IllegalArgumentException("a callback reference is 1-64 letters, digits, '-' or '_'");
        }
        return reference + "." + ENCODER.encodeToString(mac(secret, reference));
    }

    /** The reference the token was issued for, if one of {@code secrets} made it; compared in constant time. */
    public static Optional<String> verify(List<String> secrets, String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        int dot = token.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String reference = token.substring(0, dot);
        if (!REFERENCE.matcher(reference).matches()) {
            return Optional.empty();
        }
        byte[] presented;
        try {
            presented = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        boolean matched = false;
        for (String secret : secrets) {
            // No early exit: the time taken does not tell which secret matched.
            matched |= MessageDigest.isEqual(mac(secret, reference), presented);
        }
        return matched ? Optional.of(reference) : Optional.empty();
    }

    private static byte[] mac(String secret, String reference) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("a callback token secret must not be blank");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(("plinth-callback:" + reference).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
