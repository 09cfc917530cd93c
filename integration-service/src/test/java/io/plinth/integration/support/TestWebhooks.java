package io.plinth.integration.support;

import io.plinth.platform.callback.CallbackTokens;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Each provider as a test plays it: the secrets the service under test is configured with, a body of the
 * provider's shape, and the provider's signature computed here with javax.crypto (independently of the
 * service's code).
 */
public enum TestWebhooks {

    STRIPE("stripe", "whsec_plinth_devstack_stripe", "whsec_test_previous_stripe", true),
    PIPIT("pipit", "pipit_whsec_plinth_devstack", "pipit_test_previous", true),
    CAPCUT("capcut", "capcut_whsec_plinth_devstack", "capcut_test_previous", true),
    DOCUSIGN("docusign", "docusign_connect_plinth_devstack", "docusign_test_previous", false),
    ZOOM("zoom", "zoom_secret_token_plinth_devstack", "zoom_test_previous", true),
    MPESA("mpesa", "mpesa_callback_plinth_devstack", "mpesa_test_previous", false);

    public final String provider;
    public final String secret;
    public final String previousSecret;
    /** Whether the scheme signs a timestamp (so a stale one can be tested). */
    public final boolean timestamped;

    TestWebhooks(String provider, String secret, String previousSecret, boolean timestamped) {
        this.provider = provider;
        this.secret = secret;
        this.previousSecret = previousSecret;
        this.timestamped = timestamped;
    }

    /** Spring properties giving the service both secrets of every provider. */
    public static Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        for (TestWebhooks w : values()) {
            p.put("plinth.webhooks." + w.provider + ".secret", w.secret);
            p.put("plinth.webhooks." + w.provider + ".previous-secret", w.previousSecret);
        }
        return p;
    }

    /** The ingress path; M-Pesa's carries a callback token made with {@code secret}. */
    public String path(String objectId) {
        return path(objectId, secret);
    }

    public String path(String objectId, String tokenSecret) {
        return this == MPESA
                ? "/api/v1/webhooks/mpesa/" + CallbackTokens.issue(tokenSecret, "pay_" + objectId.replaceAll("[^A-Za-z0-9_-]", ""))
                : "/api/v1/webhooks/" + provider;
    }

    /** A body of this provider's shape for event {@code eventId} about object {@code objectId}. */
    public String body(String eventId, String objectId) {
        return switch (this) {
            case STRIPE -> "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\","
                    + "\"created\":1795000000,\"data\":{\"object\":{\"id\":\"" + objectId + "\",\"object\":\"payment_intent\"}}}";
            case PIPIT -> "{\"id\":\"" + eventId + "\",\"type\":\"payment.completed\",\"data\":{\"id\":\"" + objectId + "\"}}";
            case CAPCUT -> "{\"id\":\"" + eventId + "\",\"type\":\"export.completed\",\"data\":{\"export_id\":\"" + objectId + "\"}}";
            case DOCUSIGN -> "{\"event\":\"envelope-completed\",\"generatedDateTime\":\"" + eventId + "\","
                    + "\"data\":{\"envelopeId\":\"" + objectId + "\"}}";
            case ZOOM -> "{\"event\":\"meeting.ended\",\"event_ts\":\"" + eventId + "\",\"payload\":{\"object\":{\"id\":\"" + objectId + "\"}}}";
            case MPESA -> "{\"Body\":{\"stkCallback\":{\"MerchantRequestID\":\"m-1\",\"CheckoutRequestID\":\"" + objectId
                    + "\",\"ResultCode\":0,\"ResultDesc\":\"ok\"}}}";
        };
    }

    /** The provider event id the ingress derives from {@link #body}. */
    public String providerEventId(String eventId, String objectId) {
        return switch (this) {
            case STRIPE, PIPIT, CAPCUT -> eventId;
            case DOCUSIGN -> objectId + ":envelope-completed:" + eventId;
            case ZOOM -> "meeting.ended:" + eventId + ":" + objectId;
            case MPESA -> objectId;
        };
    }

    /** The signature headers for {@code body}, signed with {@code secret} at unix time {@code t}. */
    public Map<String, String> sign(String secret, long t, byte[] body) {
        return switch (this) {
            case STRIPE -> Map.of("Stripe-Signature", "t=" + t + ",v1=" + hex(hmac(secret, (t + ".").getBytes(), body)));
            case PIPIT -> Map.of("Pipit-Signature", "t=" + t + ",v1=" + hex(hmac(secret, (t + ".").getBytes(), body)));
            case CAPCUT -> Map.of("CapCut-Signature", "t=" + t + ",v1=" + hex(hmac(secret, (t + ".").getBytes(), body)));
            case DOCUSIGN -> Map.of("X-DocuSign-Signature-1", Base64.getEncoder().encodeToString(hmac(secret, body)));
            case ZOOM -> Map.of("x-zm-request-timestamp", Long.toString(t),
                    "x-zm-signature", "v0=" + hex(hmac(secret, ("v0:" + t + ":").getBytes(), body)));
            case MPESA -> Map.of();
        };
    }

    public Map<String, String> sign(long t, byte[] body) {
        return sign(secret, t, body);
    }

    public static byte[] hmac(String secret, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
