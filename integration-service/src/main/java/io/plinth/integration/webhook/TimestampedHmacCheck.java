package io.plinth.integration.webhook;

import java.util.List;

/**
 * Pipit's and CapCut's scheme ({@code Pipit-Signature} / {@code CapCut-Signature}: {@code t=<unix>,v1=<hex
 * HMAC-SHA256(secret, "t.body")>}), with a timestamp tolerance on both sides of now: a replayed old delivery
 * and a far-future one are both stale.
 */
final class TimestampedHmacCheck implements SignatureCheck {

    private final String header;
    private final List<String> secrets;
    private final long toleranceSeconds;

    TimestampedHmacCheck(String header, List<String> secrets, long toleranceSeconds) {
        this.header = header;
        this.secrets = List.copyOf(secrets);
        this.toleranceSeconds = toleranceSeconds;
    }

    @Override
    public Verdict check(SignedRequest request, long now) {
        String value = request.joined(header);
        if (value == null || value.isBlank()) {
            return Verdict.missing(header);
        }
        String[] problem = new String[1];
        Signatures.Timestamped parsed = Signatures.Timestamped.parse(value, problem);
        if (parsed == null) {
            return Verdict.malformed(header, problem[0]);
        }
        if (!Signatures.fresh(parsed.timestamp(), now, toleranceSeconds)) {
            return Verdict.stale(header, "The signature timestamp is more than " + toleranceSeconds + " s from now.");
        }
        byte[] signedPrefix = Signatures.utf8(parsed.timestamp() + ".");
        int matched = -1;
        for (int i = 0; i < secrets.size(); i++) {
            byte[] expected = Signatures.hmac(secrets.get(i), signedPrefix, request.body());
            for (String candidate : parsed.v1()) {
                if (Signatures.matchesHex(expected, candidate) && matched < 0) {
                    matched = i;
                }
            }
        }
        return matched >= 0 ? Verdict.verified(header, matched)
                : Verdict.invalid(header, "No v1 signature matches the body with an active secret.");
    }
}
