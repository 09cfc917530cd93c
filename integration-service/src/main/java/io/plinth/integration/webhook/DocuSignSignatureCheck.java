package io.plinth.integration.webhook;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

/**
 * DocuSign Connect HMAC: {@code X-DocuSign-Signature-1..N} = base64(HMAC-SHA256(connect key, body)), one header per
 * key active on DocuSign's side; any one matching any of our active keys is enough. Connect signs no timestamp,
 * so there is no freshness to check; duplicates are caught by the event id.
 */
final class DocuSignSignatureCheck implements SignatureCheck {

    static final String HEADER_PREFIX = "X-DocuSign-Signature-";
    /** DocuSign allows up to 100 HMAC keys per account; more headers than that are not DocuSign. */
    static final int MAX_HEADERS = 100;

    private final List<String> secrets;

    DocuSignSignatureCheck(List<String> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    @Override
    public Verdict check(SignedRequest request, long now) {
        String field = HEADER_PREFIX + "1";
        byte[][] expected = new byte[secrets.size()][];
        for (int i = 0; i < secrets.size(); i++) {
            expected[i] = Signatures.hmac(secrets.get(i), request.body());
        }
        boolean any = false;
        int matched = -1;
        for (int n = 1; n <= MAX_HEADERS; n++) {
            String value = request.header(HEADER_PREFIX + n);
            if (value == null) {
                continue;
            }
            any = true;
            byte[] presented;
            try {
                presented = Base64.getDecoder().decode(value.trim());
            } catch (IllegalArgumentException e) {
                continue;
            }
            for (int i = 0; i < expected.length; i++) {
                if (MessageDigest.isEqual(expected[i], presented) && matched < 0) {
                    matched = i;
                }
            }
        }
        if (!any) {
            return Verdict.missing(field);
        }
        return matched >= 0 ? Verdict.verified(field, matched)
                : Verdict.invalid(field, "No X-DocuSign-Signature-N header matches the body with an active Connect key.");
    }
}
