package io.plinth.integration.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256, constant-time comparison, and the {@code t=…,v1=…} header shared by Stripe, Pipit and CapCut. */
final class Signatures {

    /** Signature headers longer than this are refused before any parsing work (two secrets fit many times over). */
    static final int MAX_HEADER_LENGTH = 1024;
    /** More {@code v1} entries than any rotation needs: a header with hundreds is an attack, not a provider. */
    static final int MAX_SIGNATURES = 8;

    private static final HexFormat HEX = HexFormat.of();

    private Signatures() {
    }

    static byte[] hmac(String secret, byte[]... parts) {
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

    /** Constant time in the content; a candidate that is not hex never matches. */
    static boolean matchesHex(byte[] expected, String candidateHex) {
        if (candidateHex == null || candidateHex.length() != expected.length * 2) {
            return false;
        }
        byte[] candidate;
        try {
            candidate = HEX.parseHex(candidateHex);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, candidate);
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Is {@code t} (unix seconds) within {@code tolerance} seconds of now, either side? */
    static boolean fresh(long t, long now, long toleranceSeconds) {
        return Math.abs(now - t) <= toleranceSeconds;
    }

    /** A parsed {@code t=<unix>,v1=<hex>[,v1=<hex>…]} header; other schemes ({@code v0=}) are ignored. */
    record Timestamped(long timestamp, List<String> v1) {

        /** The parsed header, or null with {@code problem[0]} saying why. */
        static Timestamped parse(String header, String[] problem) {
            if (header.length() > MAX_HEADER_LENGTH) {
                problem[0] = "The signature header is longer than " + MAX_HEADER_LENGTH + " characters.";
                return null;
            }
            Long t = null;
            List<String> v1 = new ArrayList<>();
            for (String item : header.split(",", -1)) {
                int eq = item.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String key = item.substring(0, eq).trim();
                String value = item.substring(eq + 1).trim();
                if (key.equals("t")) {
                    try {
                        t = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        problem[0] = "The signature timestamp is not a number.";
                        return null;
                    }
                } else if (key.equals("v1")) {
                    v1.add(value);
                }
            }
            if (t == null || v1.isEmpty()) {
                problem[0] = "The signature header needs t=<unix seconds> and at least one v1=<hex>.";
                return null;
            }
            if (v1.size() > MAX_SIGNATURES) {
                problem[0] = "The signature header has " + v1.size() + " v1 signatures; at most " + MAX_SIGNATURES
                        + " are accepted.";
                return null;
            }
            return new Timestamped(t, List.copyOf(v1));
        }
    }
}
