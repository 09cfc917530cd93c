package io.plinth.client;

import java.time.Duration;

/**
 * What to reserve: {@code HoldRequest.of(10, "video-generation").withReference("job-42")}.
 *
 * @param credits        how many, positive
 * @param service        what they are for, a lower-case name such as {@code video-generation}
 * @param reference      your reference for the job (shown on the hold), or null
 * @param description    shown in the user's history, or null
 * @param expiresIn      how long the hold lasts if nobody settles it, or null for the platform's default (15 min)
 * @param idempotencyKey your key for placing it, or null to have one generated
 */
public record HoldRequest(long credits, String service, String reference, String description, Duration expiresIn,
                          String idempotencyKey) {

    /** @throws IllegalArgumentException non-positive credits or expiry, blank service, malformed key */
    public HoldRequest {
        Checks.positive(credits, "credits");
        Checks.notBlank(service, "service");
        if (expiresIn != null) {
            Checks.positive(expiresIn, "expiresIn");
            if (expiresIn.toSeconds() < 1) {
                throw new IllegalArgumentException("expiresIn must be at least one second, was " + expiresIn);
            }
        }
        if (idempotencyKey != null) {
            IdempotencyKeys.orGenerate(idempotencyKey);
        }
    }

    /** Reserve {@code credits} for {@code service}, with the platform's defaults for the rest. */
    public static HoldRequest of(long credits, String service) {
        return new HoldRequest(credits, service, null, null, null, null);
    }

    /** The same, with your reference for the job. */
    public HoldRequest withReference(String newReference) {
        return new HoldRequest(credits, service, newReference, description, expiresIn, idempotencyKey);
    }

    /** The same, with a description for the user's history. */
    public HoldRequest withDescription(String newDescription) {
        return new HoldRequest(credits, service, reference, newDescription, expiresIn, idempotencyKey);
    }

    /** The same, expiring after {@code duration} (whole seconds) instead of the platform's default. */
    public HoldRequest withExpiresIn(Duration duration) {
        return new HoldRequest(credits, service, reference, description, duration, idempotencyKey);
    }

    /** The same, placed with your own Idempotency-Key. */
    public HoldRequest withIdempotencyKey(String key) {
        return new HoldRequest(credits, service, reference, description, expiresIn, key);
    }
}
