package io.plinth.integration.docusign;

import io.plinth.integration.outbound.InvalidRequest;
import io.plinth.integration.outbound.InvalidRequest.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A request to send an envelope from a template to one recipient. {@code templateId} may be left out when the
 * tenant's DocuSign settings name a default one; {@code userId} and {@code courseId} only admins may set (a user
 * could otherwise sign their own envelope to unlock any course).
 */
public record SendEnvelope(String templateId, String recipientName, String recipientEmail, String emailSubject,
        String courseId, String userId) {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final int MAX = 200;

    /** Throws {@link InvalidRequest} naming every bad field, before anything is stored or called. */
    void validate() {
        List<Violation> errors = new ArrayList<>();
        if (templateId != null && (templateId.isBlank() || templateId.length() > MAX)) {
            errors.add(new Violation("templateId", "invalid", "templateId must be 1 to " + MAX + " characters."));
        }
        if (recipientName == null || recipientName.isBlank()) {
            errors.add(new Violation("recipient.name", "required", "recipient.name is required."));
        } else if (recipientName.length() > MAX) {
            errors.add(new Violation("recipient.name", "too_long", "recipient.name is at most " + MAX + " characters."));
        }
        if (recipientEmail == null || recipientEmail.isBlank()) {
            errors.add(new Violation("recipient.email", "required", "recipient.email is required."));
        } else if (recipientEmail.length() > 254 || !EMAIL.matcher(recipientEmail).matches()) {
            errors.add(new Violation("recipient.email", "invalid_email", "recipient.email must be an email address."));
        }
        if (emailSubject != null && (emailSubject.isBlank() || emailSubject.length() > 100)) {
            errors.add(new Violation("emailSubject", "invalid", "emailSubject must be 1 to 100 characters (DocuSign's limit)."));
        }
        for (String[] field : new String[][] {{"courseId", courseId}, {"userId", userId}}) {
            if (field[1] != null && (field[1].isBlank() || field[1].length() > MAX)) {
                errors.add(new Violation(field[0], "invalid", field[0] + " must be 1 to " + MAX + " characters."));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
    }

    static InvalidRequest missingTemplate() {
        return new InvalidRequest(List.of(new Violation("templateId", "required",
                "templateId is required: this tenant's DocuSign settings name no default template.")));
    }
}
