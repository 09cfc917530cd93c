package io.plinth.events.signature;

import io.plinth.events.EventData;

/**
 * Every party signed a DocuSign envelope; {@code courseId} may be null when the template unlocks nothing.
 * Type {@value #TYPE}; topic and catalog entry in {@link io.plinth.events.EventTypes}.
 */
public record SignatureEnvelopeCompleted(String envelopeId, String userId, String email, String templateId, String courseId) implements EventData {

    public static final String TYPE = "signature.envelope-completed";
}
