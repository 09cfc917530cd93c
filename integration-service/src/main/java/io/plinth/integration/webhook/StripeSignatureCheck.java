package io.plinth.integration.webhook;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Stripe's {@code Stripe-Signature}, checked by stripe-java's own {@code Webhook.Signature.verifyHeader} — the check
 * {@code Webhook.constructEvent} makes before it parses. We parse the body ourselves afterwards, once, with
 * Jackson's nesting and duplicate-key limits (GSON, behind {@code constructEvent}, has no nesting limit). Around
 * the SDK: the header's size and number of {@code v1} entries are bounded first, and a timestamp too far in the
 * future is stale too (the SDK only refuses old ones).
 */
final class StripeSignatureCheck implements SignatureCheck {

    static final String HEADER = "Stripe-Signature";

    private final List<String> secrets;
    private final long toleranceSeconds;

    StripeSignatureCheck(List<String> secrets, long toleranceSeconds) {
        this.secrets = List.copyOf(secrets);
        this.toleranceSeconds = toleranceSeconds;
    }

    @Override
    public Verdict check(SignedRequest request, long now) {
        String header = request.joined(HEADER);
        if (header == null || header.isBlank()) {
            return Verdict.missing(HEADER);
        }
        String[] problem = new String[1];
        Signatures.Timestamped parsed = Signatures.Timestamped.parse(header, problem);
        if (parsed == null) {
            return Verdict.malformed(HEADER, problem[0]);
        }
        if (!Signatures.fresh(parsed.timestamp(), now, toleranceSeconds)) {
            return Verdict.stale(HEADER, "The signature timestamp is more than " + toleranceSeconds + " s from now.");
        }
        String payload;
        try {
            payload = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(request.body())).toString();
        } catch (CharacterCodingException e) {
            // Stripe signs UTF-8 text; the SDK takes a String, so these bytes cannot carry its signature.
            return Verdict.invalid(HEADER, "The body is not UTF-8, so no Stripe signature can match it.");
        }
        Clock at = Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC);
        for (int i = 0; i < secrets.size(); i++) {
            try {
                if (Webhook.Signature.verifyHeader(payload, header, secrets.get(i), toleranceSeconds, at)) {
                    return Verdict.verified(HEADER, i);
                }
            } catch (SignatureVerificationException e) {
                // Not this secret; the next active one may match.
            }
        }
        return Verdict.invalid(HEADER, "No v1 signature matches the body with an active endpoint secret.");
    }
}
