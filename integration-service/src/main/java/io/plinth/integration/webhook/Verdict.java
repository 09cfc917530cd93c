package io.plinth.integration.webhook;

/**
 * What the signature check decided about one request.
 *
 * @param outcome     the decision
 * @param field       the header (or path part) it is about, for the problem's {@code errors[]}
 * @param detail      a sentence for the provider's delivery log and ours; never contains a secret
 * @param secretIndex which active secret matched (0 = current, 1 = previous), -1 unless verified
 */
public record Verdict(Outcome outcome, String field, String detail, int secretIndex) {

    public enum Outcome {
        VERIFIED, MISSING, MALFORMED, STALE, INVALID;

        /** The {@code signature_verdict} column and the problem code suffix. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static Verdict verified(String field, int secretIndex) {
        return new Verdict(Outcome.VERIFIED, field, "verified", secretIndex);
    }

    public static Verdict missing(String field) {
        return new Verdict(Outcome.MISSING, field, "No " + field + " was sent.", -1);
    }

    public static Verdict malformed(String field, String detail) {
        return new Verdict(Outcome.MALFORMED, field, detail, -1);
    }

    public static Verdict stale(String field, String detail) {
        return new Verdict(Outcome.STALE, field, detail, -1);
    }

    public static Verdict invalid(String field, String detail) {
        return new Verdict(Outcome.INVALID, field, detail, -1);
    }

    public boolean verified() {
        return outcome == Outcome.VERIFIED;
    }
}
