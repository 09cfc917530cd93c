package io.plinth.integration.webhook;

import java.util.List;

/**
 * Zoom: {@code x-zm-signature: v0=<hex HMAC-SHA256(secret token, "v0:" + x-zm-request-timestamp + ":" + body)>},
 * with the timestamp (unix seconds) within the tolerance of now.
 */
final class ZoomSignatureCheck implements SignatureCheck {

    static final String SIGNATURE = "x-zm-signature";
    static final String TIMESTAMP = "x-zm-request-timestamp";

    private final List<String> secrets;
    private final long toleranceSeconds;

    ZoomSignatureCheck(List<String> secrets, long toleranceSeconds) {
        this.secrets = List.copyOf(secrets);
        this.toleranceSeconds = toleranceSeconds;
    }

    @Override
    public Verdict check(SignedRequest request, long now) {
        String signature = request.header(SIGNATURE);
        if (signature == null || signature.isBlank()) {
            return Verdict.missing(SIGNATURE);
        }
        String timestamp = request.header(TIMESTAMP);
        if (timestamp == null || timestamp.isBlank()) {
            return Verdict.missing(TIMESTAMP);
        }
        if (signature.length() > Signatures.MAX_HEADER_LENGTH || !signature.startsWith("v0=")) {
            return Verdict.malformed(SIGNATURE, "x-zm-signature must be v0=<hex>.");
        }
        long t;
        try {
            t = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Verdict.malformed(TIMESTAMP, "x-zm-request-timestamp is not a number.");
        }
        if (!Signatures.fresh(t, now, toleranceSeconds)) {
            return Verdict.stale(TIMESTAMP, "x-zm-request-timestamp is more than " + toleranceSeconds + " s from now.");
        }
        byte[] prefix = Signatures.utf8("v0:" + t + ":");
        String presented = signature.substring(3);
        int matched = -1;
        for (int i = 0; i < secrets.size(); i++) {
            if (Signatures.matchesHex(Signatures.hmac(secrets.get(i), prefix, request.body()), presented) && matched < 0) {
                matched = i;
            }
        }
        return matched >= 0 ? Verdict.verified(SIGNATURE, matched)
                : Verdict.invalid(SIGNATURE, "x-zm-signature does not match the body with an active secret token.");
    }
}
