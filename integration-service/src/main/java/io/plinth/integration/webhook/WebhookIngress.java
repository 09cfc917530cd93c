package io.plinth.integration.webhook;

import io.plinth.events.EventFactory;
import io.plinth.events.webhook.WebhookReceived;
import io.plinth.platform.outbox.Outbox;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The webhook ingress: verify the provider's signature on the raw bytes, then read the body, then log and
 * deduplicate by (source, provider event id) and hand a new event to the outbox — in one transaction, so an
 * event is published if and only if it was recorded as new. No provider is called on this path. Every attempt,
 * refused or not, leaves a row in {@code webhook_events}.
 */
@Service
public class WebhookIngress {

    private static final Logger log = LoggerFactory.getLogger(WebhookIngress.class);

    private final SignatureChecks checks;
    private final WebhookProperties properties;
    private final WebhookEventStore store;
    private final Outbox outbox;
    private final EventFactory events;
    private final TransactionalOperator tx;
    private final Clock clock;

    WebhookIngress(WebhookProperties properties, WebhookEventStore store, Outbox outbox, EventFactory events,
            TransactionalOperator tx, Clock clock) {
        this.checks = new SignatureChecks(properties);
        this.properties = properties;
        this.store = store;
        this.outbox = outbox;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
        for (Provider provider : Provider.values()) {
            if (!checks.configured(provider)) {
                log.warn("No webhook secret configured for {}: its deliveries will be refused (set PLINTH_WEBHOOKS_{}_SECRET)",
                        provider.id(), provider.name());
            }
        }
    }

    /** The largest body the ingress reads. */
    public long maxBodyBytes() {
        return properties.maxBodySize().toBytes();
    }

    public Mono<IngressResult> receive(Provider provider, SignedRequest request) {
        Instant now = now();
        Verdict verdict = checks.of(provider).check(request, now.getEpochSecond());
        if (!verdict.verified()) {
            return reject(provider, request.body(), request.body().length, verdict.outcome().id(), now, 401,
                    "signature_" + verdict.outcome().id(), verdict.detail(), verdict.field());
        }
        ProviderEvent event;
        try {
            JsonNode body = Payloads.read(request.body());
            event = EventFields.of(provider, body);
            if (event.isZoomUrlValidation()) {
                return challenge(provider, request, event, verdict, now);
            }
        } catch (Payloads.PayloadException e) {
            return reject(provider, request.body(), request.body().length, verdict.outcome().id(), now, 400,
                    "malformed_payload", e.getMessage(), e.field());
        }
        return accept(provider, request, event, now);
    }

    /** A body over {@link #maxBodyBytes()}: refused unread past its start, and logged. */
    public Mono<IngressResult> tooLarge(Provider provider, byte[] start, long size) {
        return reject(provider, start, size, "not_checked", now(), 413, "payload_too_large",
                "The body is " + (size > 0 ? size + " bytes" : "too large") + "; at most " + maxBodyBytes()
                        + " bytes are accepted.", "");
    }

    private Mono<IngressResult> accept(Provider provider, SignedRequest request, ProviderEvent event, Instant now) {
        String payload = new String(request.body(), StandardCharsets.UTF_8);
        WebhookEventRow row = new WebhookEventRow(UUID.randomUUID(), provider.id(), event.id(), event.type(),
                event.objectId(), payload, false, request.body().length, Verdict.Outcome.VERIFIED.id(),
                WebhookEventStore.ACCEPTED, 200, now, now, now, 1, 0, null, null);
        return tx.transactional(store.recordVerified(row).flatMap(recorded -> recorded.inserted()
                        ? outbox.append(events.create(event.objectId(), null,
                                new WebhookReceived(provider.id(), event.id(), event.type(), payload, now)))
                                .thenReturn(recorded)
                        : Mono.just(recorded)))
                .map(recorded -> new IngressResult.Accepted(recorded.id(), event.id(), !recorded.inserted()));
    }

    private Mono<IngressResult> challenge(Provider provider, SignedRequest request, ProviderEvent event,
            Verdict verdict, Instant now) {
        String secret = SignatureChecks.secret(properties, provider, verdict.secretIndex());
        String plainToken = event.objectId();
        String encrypted = Signatures.hex(Signatures.hmac(secret, Signatures.utf8(plainToken)));
        WebhookEventRow row = new WebhookEventRow(UUID.randomUUID(), provider.id(), event.id(), event.type(),
                null, new String(request.body(), StandardCharsets.UTF_8), false, request.body().length,
                Verdict.Outcome.VERIFIED.id(), WebhookEventStore.CHALLENGE, 200, now, now, now, 1, 0, null, null);
        return store.insertAttempt(row).thenReturn(new IngressResult.ZoomChallenge(row.id(), plainToken, encrypted));
    }

    private Mono<IngressResult> reject(Provider provider, byte[] body, long size, String verdict, Instant now,
            int status, String code, String detail, String field) {
        int keep = (int) Math.min(body.length, properties.storedRejectedBody().toBytes());
        WebhookEventRow row = new WebhookEventRow(UUID.randomUUID(), provider.id(), null, null, null,
                storable(Arrays.copyOf(body, keep)), keep < size, (int) Math.min(size, Integer.MAX_VALUE), verdict,
                WebhookEventStore.REJECTED, status, now, now, null, 1, 0, null, code + ": " + detail);
        log.warn("Refused {} webhook {} with {} {}: {}", provider.id(), row.id(), status, code, detail);
        return store.insertAttempt(row)
                .thenReturn(new IngressResult.Rejected(row.id(), status, code, detail, field == null ? "" : field));
    }

    /** Any bytes as text PostgreSQL accepts: invalid UTF-8 becomes U+FFFD, and so does NUL. */
    private static String storable(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8).replace('\u0000', '\uFFFD');
    }

    private Instant now() {
        // Microseconds: what PostgreSQL keeps, so a time read back compares equal.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
