package io.plinth.events.signature;

import io.plinth.events.EventData;

/**
 * A signer declined a DocuSign envelope.
 * Type {@value #TYPE}; topic and catalog entry in {@link io.plinth.events.EventTypes}.
 */
public record SignatureEnvelopeDeclined(String envelopeId, String userId, String email, String templateId, String reason) implements EventData {

    public static final String TYPE = "signature.envelope-declined";
}
