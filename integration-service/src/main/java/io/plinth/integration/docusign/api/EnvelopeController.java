package io.plinth.integration.docusign.api;

import io.plinth.integration.docusign.Envelope;
import io.plinth.integration.docusign.Envelopes;
import io.plinth.integration.docusign.SendEnvelope;
import io.plinth.integration.outbound.Callers;
import io.plinth.platform.security.CurrentUser;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/signatures/envelopes} (201, an envelope sent from a DocuSign template to one recipient) and
 * {@code GET /api/v1/signatures/envelopes/{id}}, for any user of the tenant; another tenant's envelope is a 404.
 */
@RestController
class EnvelopeController {

    private final Envelopes envelopes;

    EnvelopeController(Envelopes envelopes) {
        this.envelopes = envelopes;
    }

    record Recipient(String name, String email) {
    }

    record SendRequest(String templateId, Recipient recipient, String emailSubject, String courseId, String userId) {
    }

    record EnvelopeResponse(UUID id, String envelopeId, String status, String templateId, Recipient recipient,
            String userId, String courseId, String declineReason, Instant createdAt, Instant updatedAt) {

        static EnvelopeResponse of(Envelope e) {
            return new EnvelopeResponse(e.id(), e.envelopeId(), e.status(), e.templateId(),
                    new Recipient(e.recipientName(), e.recipientEmail()), e.userId(), e.courseId(), e.declineReason(),
                    e.createdAt(), e.updatedAt());
        }
    }

    @PostMapping("/api/v1/signatures/envelopes")
    Mono<ResponseEntity<EnvelopeResponse>> send(CurrentUser user, @RequestBody SendRequest body) {
        Recipient recipient = body.recipient() == null ? new Recipient(null, null) : body.recipient();
        return Mono.defer(() -> envelopes.send(Callers.tenant(user), user.userId(), user.isAdmin(), new SendEnvelope(
                        body.templateId(), recipient.name(), recipient.email(), body.emailSubject(), body.courseId(),
                        body.userId())))
                .map(e -> ResponseEntity.status(HttpStatus.CREATED)
                        .location(URI.create("/api/v1/signatures/envelopes/" + e.id())).body(EnvelopeResponse.of(e)));
    }

    @GetMapping("/api/v1/signatures/envelopes/{id}")
    Mono<EnvelopeResponse> get(CurrentUser user, @PathVariable String id) {
        return Mono.defer(() -> envelopes.get(Callers.tenant(user), Callers.id(id, "envelope"))).map(EnvelopeResponse::of);
    }
}
