package io.plinth.integration.docusign;

import io.plinth.events.EventFactory;
import io.plinth.events.signature.SignatureEnvelopeCompleted;
import io.plinth.events.signature.SignatureEnvelopeDeclined;
import io.plinth.integration.outbound.Forbidden;
import io.plinth.integration.outbound.NotFound;
import io.plinth.integration.registry.IntegrationKey;
import io.plinth.integration.registry.IntegrationRegistry;
import io.plinth.platform.outbox.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Envelopes per tenant: send one from a template through the tenant's DocuSign (nothing stored unless DocuSign
 * accepted it), read one (another tenant's is not found), and apply DocuSign Connect's reports, publishing
 * {@code signature.envelope-completed|declined} through the outbox in the same transaction as the move that ends the
 * envelope, so it is published once however often and in whatever order Connect reports.
 */
@Service
public class Envelopes {

    /** The role the template's signer has; templates made for Plinth name their one signer role so. */
    static final String ROLE = "Signer";

    private static final Logger log = LoggerFactory.getLogger(Envelopes.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final IntegrationRegistry registry;
    private final DocuSign docusign;
    private final EnvelopeStore store;
    private final Outbox outbox;
    private final EventFactory events;
    private final Clock clock;

    Envelopes(IntegrationRegistry registry, DocuSign docusign, EnvelopeStore store, Outbox outbox, EventFactory events,
            Clock clock) {
        this.registry = registry;
        this.docusign = docusign;
        this.store = store;
        this.outbox = outbox;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Sends {@code request} for {@code callerId} of {@code tenantId}. Bad fields, a non-admin naming a user or a
     * course, and an integration that is not usable all fail before DocuSign is called.
     */
    public Mono<Envelope> send(String tenantId, String callerId, boolean admin, SendEnvelope request) {
        return Mono.defer(() -> {
            request.validate();
            if (!admin && (request.courseId() != null || request.userId() != null)) {
                throw new Forbidden("Only admins may send an envelope for another user or one that unlocks a course.");
            }
            return registry.usable(tenantId, IntegrationKey.DOCUSIGN).flatMap(usable -> {
                String templateId = request.templateId() != null ? request.templateId() : setting(usable, "templateId");
                if (templateId == null) {
                    throw SendEnvelope.missingTemplate();
                }
                return docusign.session(usable.credentials(), setting(usable, "accountId"))
                        .flatMap(session -> docusign.send(session, templateId, ROLE, request.recipientName(),
                                        request.recipientEmail(), request.emailSubject())
                                .map(sent -> {
                                    Instant now = now();
                                    return new Envelope(UUID.randomUUID(), tenantId,
                                            request.userId() != null ? request.userId() : callerId, sent.envelopeId(),
                                            session.accountId(), templateId, request.recipientName(),
                                            request.recipientEmail(), request.courseId(), EnvelopeStatus.SENT.id(), null,
                                            now, now);
                                }));
            }).flatMap(store::insert).doOnNext(e -> log.info("Sent DocuSign envelope {} ({}) for tenant {}",
                    e.envelopeId(), e.id(), tenantId));
        });
    }

    public Mono<Envelope> get(String tenantId, UUID id) {
        return store.find(tenantId, id).switchIfEmpty(Mono.error(() -> new NotFound("No envelope " + id + ".")));
    }

    /**
     * Applies one Connect notification ({@code {event, data: {envelopeId, envelopeSummary}}}); runs inside the
     * consumer's inbox transaction. Events about other things, unknown envelopes and moves the state machine does
     * not allow change nothing.
     */
    Mono<Void> applyConnect(String payload) {
        return Mono.defer(() -> {
            JsonNode body = JSON.readTree(payload);
            String event = body.path("event").asString("");
            String envelopeId = body.path("data").path("envelopeId").asString("");
            EnvelopeStatus to = EnvelopeStatus.ofConnectEvent(event).orElse(null);
            if (to == null || envelopeId.isBlank()) {
                log.debug("Connect event {} for envelope {} changes no status", event, envelopeId);
                return Mono.empty();
            }
            return store.move(envelopeId, to.from(), to, to == EnvelopeStatus.DECLINED ? declineReason(body) : null, now())
                    .flatMap(moved -> publish(moved, to).thenReturn(moved))
                    .doOnNext(moved -> log.info("Envelope {} ({}) is {} after Connect {}", envelopeId, moved.id(),
                            to.id(), event))
                    .switchIfEmpty(Mono.defer(() -> store.findByEnvelopeId(envelopeId)
                            .doOnNext(e -> log.info("Connect {} for envelope {} ignored: it is {} already, which {} does"
                                    + " not follow", event, envelopeId, e.status(), to.id()))
                            .switchIfEmpty(Mono.fromRunnable(() -> log.info("Connect {} for envelope {} ignored: not an"
                                    + " envelope Plinth sent", event, envelopeId)))
                            .then(Mono.empty())))
                    .then();
        });
    }

    private Mono<Void> publish(Envelope e, EnvelopeStatus to) {
        return switch (to) {
            case COMPLETED -> outbox.append(events.create(e.envelopeId(), e.tenantId(), new SignatureEnvelopeCompleted(
                    e.envelopeId(), e.userId(), e.recipientEmail(), e.templateId(), e.courseId())));
            case DECLINED -> outbox.append(events.create(e.envelopeId(), e.tenantId(), new SignatureEnvelopeDeclined(
                    e.envelopeId(), e.userId(), e.recipientEmail(), e.templateId(), e.declineReason())));
            default -> Mono.empty();
        };
    }

    /** Connect puts the reason on the envelope summary or on the signer who declined. */
    private static String declineReason(JsonNode body) {
        JsonNode summary = body.path("data").path("envelopeSummary");
        String reason = summary.path("declinedReason").asString(null);
        if (reason == null) {
            for (JsonNode signer : summary.path("recipients").path("signers")) {
                reason = signer.path("declinedReason").asString(null);
                if (reason != null) {
                    break;
                }
            }
        }
        return reason == null || reason.isBlank() ? null : reason.length() > 500 ? reason.substring(0, 500) : reason;
    }

    private static String setting(IntegrationRegistry.Usable usable, String name) {
        Object value = usable.settings().get(name);
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
