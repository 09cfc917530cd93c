package io.plinth.integration.docusign;

import java.time.Instant;
import java.util.UUID;

/**
 * An envelope sent for a tenant: ours by {@code id}, DocuSign's by {@code envelopeId}. {@code userId} is the platform
 * user the signature is for (who gets the course), {@code courseId} what signing unlocks, if anything.
 */
public record Envelope(UUID id, String tenantId, String userId, String envelopeId, String accountId, String templateId,
        String recipientName, String recipientEmail, String courseId, String status, String declineReason,
        Instant createdAt, Instant updatedAt) {
}
