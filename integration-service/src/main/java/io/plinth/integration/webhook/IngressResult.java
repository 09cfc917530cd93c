package io.plinth.integration.webhook;

import java.util.UUID;

/** How the ingress answers one delivery. */
public sealed interface IngressResult {

    /** The row in {@code webhook_events} that records this attempt. */
    UUID logId();

    /** Verified and recorded; published unless it was a duplicate. */
    record Accepted(UUID logId, String providerEventId, boolean duplicate) implements IngressResult {
    }

    /** Zoom's URL validation, answered with {@code {plainToken, encryptedToken}}. */
    record ZoomChallenge(UUID logId, String plainToken, String encryptedToken) implements IngressResult {
    }

    /**
     * Refused and logged: 401 for the signature, 400 for a body that is not the provider's format, 413 for size.
     *
     * @param field the header, path part or body field at fault (empty for the whole body)
     */
    record Rejected(UUID logId, int status, String code, String detail, String field) implements IngressResult {
    }
}
