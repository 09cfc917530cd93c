package io.plinth.sandbox.delivery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The providers' signature schemes (../shared/PROVIDERS.md). Each takes every active secret: a provider
 * rotating its endpoint secret signs with the old and the new one at once, and so does the sandbox when
 * configured with two.
 */
public final class WebhookSigners {

    private WebhookSigners() {
    }

    /** {@code Stripe-Signature: t=<unix>,v1=<hex HMAC(secret, "t.body")>[,v1=…]}. */
    public static WebhookSigner stripe(List<String> secrets) {
        return timestampedHmac("Stripe-Signature", secrets);
    }

    /** {@code Pipit-Signature}, the same scheme as Stripe's. */
    public static WebhookSigner pipit(List<String> secrets) {
        return timestampedHmac("Pipit-Signature", secrets);
    }

    /** {@code CapCut-Signature}, the same scheme as Stripe's. */
    public static WebhookSigner capcut(List<String> secrets) {
        return timestampedHmac("CapCut-Signature", secrets);
    }

    /** {@code X-DocuSign-Signature-1..N: base64(HMAC(connect key, body))}, one header per active key. */
    public static WebhookSigner docusign(List<String> secrets) {
        requireSecrets("docusign", secrets);
        return (body, unixSeconds) -> {
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 0; i < secrets.size(); i++) {
                headers.put("X-DocuSign-Signature-" + (i + 1), Hmac.base64(secrets.get(i), body));
            }
            return headers;
        };
    }

    /**
     * {@code x-zm-request-timestamp: <unix>} and {@code x-zm-signature: v0=<hex HMAC(secret, "v0:ts:body")>}.
     * Zoom has one secret token per app and sends one signature: the first secret signs.
     */
    public static WebhookSigner zoom(List<String> secrets) {
        requireSecrets("zoom", secrets);
        String secret = secrets.get(0);
        return (body, unixSeconds) -> {
            String ts = Long.toString(unixSeconds);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("x-zm-request-timestamp", ts);
            headers.put("x-zm-signature", "v0=" + Hmac.hex(secret, Hmac.utf8("v0:" + ts + ":"), body));
            return headers;
        };
    }

    /** M-Pesa callbacks carry no signature: the per-payment token in the callback URL is the proof. */
    public static WebhookSigner unsigned() {
        return (body, unixSeconds) -> Map.of();
    }

    /** The signer for a provider by its sandbox name. */
    public static WebhookSigner forProvider(String provider, List<String> secrets) {
        return switch (provider) {
            case Providers.STRIPE -> stripe(secrets);
            case Providers.PIPIT -> pipit(secrets);
            case Providers.CAPCUT -> capcut(secrets);
            case Providers.DOCUSIGN -> docusign(secrets);
            case Providers.ZOOM -> zoom(secrets);
            case Providers.MPESA -> unsigned();
            default -> throw new IllegalArgumentException("no webhook scheme for provider " + provider);
        };
    }

    private static WebhookSigner timestampedHmac(String header, List<String> secrets) {
        requireSecrets(header, secrets);
        return (body, unixSeconds) -> {
            String t = Long.toString(unixSeconds);
            byte[] prefix = Hmac.utf8(t + ".");
            String v1 = secrets.stream()
                    .map(secret -> "v1=" + Hmac.hex(secret, prefix, body))
                    .collect(Collectors.joining(","));
            return Map.of(header, "t=" + t + "," + v1);
        };
    }

    private static void requireSecrets(String what, List<String> secrets) {
        if (secrets == null || secrets.isEmpty() || secrets.stream().anyMatch(s -> s == null || s.isBlank())) {
            throw new IllegalArgumentException(what + " needs at least one non-blank webhook secret");
        }
    }
}
