package io.plinth.integration.mail;

import io.plinth.events.user.MailTokenSeal;
import io.plinth.events.user.UserEmailVerificationRequested;
import io.plinth.events.user.UserPasswordResetRequested;
import io.plinth.integration.registry.IntegrationKey;
import io.plinth.integration.queue.QueueWorker;
import io.plinth.integration.registry.IntegrationSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Sends what the queue holds: claims due deliveries (SKIP LOCKED, leased), opens the token just before rendering
 * (ADR 0007), renders, and sends through the tenant's SendGrid integration, else the platform's SendGrid key, else
 * the log (dev default). 429/5xx and silence are retried with exponential back-off (or after the provider's
 * {@code Retry-After}), up to {@code maxAttempts}; a refused message, an unopenable or expired token fail at once.
 */
class MailDelivery extends QueueWorker {

    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);

    /** Where a tenant's mail goes. */
    record Route(String transport, String apiKey, String fromEmail, String fromName, boolean sandboxMode) {

        @Override
        public String toString() {
            return "Route[" + transport + ", from=" + fromEmail + ", sandboxMode=" + sandboxMode + "]";
        }
    }

    private final MailStore store;
    private final IntegrationSettings integrations;
    private final MailTokenSeal tokens;
    private final MailTemplates templates;
    private final SendGridClient sendGrid;
    private final MailProperties properties;

    MailDelivery(MailStore store, IntegrationSettings integrations, MailTokenSeal tokens, MailTemplates templates,
            SendGridClient sendGrid, MailProperties properties) {
        super("mail delivery", properties.delivery().pollInterval(), properties.delivery().batchSize());
        this.store = store;
        this.integrations = integrations;
        this.tokens = tokens;
        this.templates = templates;
        this.sendGrid = sendGrid;
        this.properties = properties;
    }

    @Override
    protected Mono<Long> round() {
        MailProperties.Delivery d = properties.delivery();
        // Each tenant's route is read once per round, not once per mail.
        Map<String, Mono<Route>> routes = new ConcurrentHashMap<>();
        return store.claim(d.batchSize(), d.lease())
                .flatMap(delivery -> deliver(delivery, routes.computeIfAbsent(String.valueOf(delivery.tenantId()),
                        t -> route(delivery.tenantId()).cache())), d.concurrency())
                .count();
    }

    private Mono<Void> deliver(MailStore.Delivery delivery, Mono<Route> routed) {
        return Mono.defer(() -> {
            if (delivery.toEmail() == null) {
                return retry(delivery, new SendOutcome.Retry("the address of user " + delivery.userId()
                        + " is not known yet (no user.* event seen for it)", null));
            }
            String token;
            try {
                token = token(delivery);
            } catch (IllegalArgumentException e) {
                log.warn("mail {} ({}) for event {} cannot be sent: {}", delivery.id(), delivery.kind().id(),
                        delivery.eventId(), e.getMessage());
                return store.failed(delivery.id(), e.getMessage());
            }
            MailTemplates.Rendered mail = templates.render(delivery.kind(), delivery.data(), token);
            return routed.flatMap(route -> send(route, new OutgoingMail(delivery.toEmail(),
                            route.fromEmail(), route.fromName(), mail.subject(), mail.text(), mail.html(), route.sandboxMode())))
                    .flatMap(outcome -> record(delivery, mail.subject(), outcome));
        }).onErrorResume(e -> !(e instanceof org.springframework.dao.DataAccessException),
                // Anything unforeseen about one mail is that mail's problem: retried with back-off, the batch goes on.
                e -> retry(delivery, new SendOutcome.Retry("unexpected: " + e, null)));
    }

    /** The opened one-time token of a token mail (null for the others); fails when it does not open or has expired. */
    private String token(MailStore.Delivery delivery) {
        String type = switch (delivery.kind()) {
            case EMAIL_VERIFICATION -> UserEmailVerificationRequested.TYPE;
            case PASSWORD_RESET -> UserPasswordResetRequested.TYPE;
            default -> null;
        };
        if (type == null) {
            return null;
        }
        Object expires = delivery.data().get("expiresAt");
        if (expires != null && Instant.parse(String.valueOf(expires)).isBefore(Instant.now())) {
            throw new IllegalArgumentException("the token expired at " + expires + " before the mail could be sent");
        }
        return tokens.open(String.valueOf(delivery.data().get("sealedToken")), type, delivery.userId());
    }

    Mono<Route> route(String tenantId) {
        MailProperties.SendGrid platform = properties.sendgrid();
        Mono<Route> tenant = tenantId == null ? Mono.empty() : integrations.of(tenantId, IntegrationKey.SENDGRID)
                .filter(c -> c.enabled() && c.credentials().get("apiKey") != null)
                .map(c -> new Route("sendgrid", c.credentials().get("apiKey"),
                        c.setting("fromEmail").orElse(platform.fromEmail()), c.setting("fromName").orElse(platform.fromName()),
                        c.setting("sandboxMode").map(Boolean::parseBoolean).orElse(false)));
        Route fallback = platform.apiKey() == null || platform.apiKey().isBlank()
                ? new Route("log", null, platform.fromEmail(), platform.fromName(), false)
                : new Route("sendgrid", platform.apiKey(), platform.fromEmail(), platform.fromName(), platform.sandboxMode());
        return tenant.defaultIfEmpty(fallback);
    }

    private Mono<SendOutcome> send(Route route, OutgoingMail mail) {
        if (route.transport().equals("log")) {
            // The dev default: no SendGrid anywhere, so the mail (links included) is written here for the developer.
            log.info("mail (no SendGrid configured, written to the log instead) to={} from={} subject=\"{}\"\n{}",
                    mail.to(), mail.fromEmail(), mail.subject(), mail.text());
            return Mono.just(new SendOutcome.Sent("log", null));
        }
        return sendGrid.send(route.apiKey(), mail);
    }

    private Mono<Void> record(MailStore.Delivery delivery, String subject, SendOutcome outcome) {
        if (outcome instanceof SendOutcome.Sent sent) {
            return store.delivered(delivery.id(), sent.transport().equals("log") ? "logged" : "sent", sent.transport(),
                    subject, sent.messageId());
        }
        if (outcome instanceof SendOutcome.Retry retry) {
            return retry(delivery, retry);
        }
        SendOutcome.Rejected rejected = (SendOutcome.Rejected) outcome;
        log.warn("mail {} ({}) refused for good: {}", delivery.id(), delivery.kind().id(), rejected.reason());
        return store.failed(delivery.id(), rejected.reason());
    }

    private Mono<Void> retry(MailStore.Delivery delivery, SendOutcome.Retry retry) {
        MailProperties.Delivery d = properties.delivery();
        if (delivery.attempts() >= d.maxAttempts()) {
            log.warn("mail {} ({}) gives up after {} attempts: {}", delivery.id(), delivery.kind().id(),
                    delivery.attempts(), retry.reason());
            return store.failed(delivery.id(), "gave up after " + delivery.attempts() + " attempts: " + retry.reason());
        }
        Duration wait = QueueWorker.backoff(d.initialBackoff(), d.maxBackoff(), delivery.attempts());
        if (retry.retryAfter() != null && retry.retryAfter().compareTo(wait) > 0) {
            wait = retry.retryAfter();
        }
        log.info("mail {} ({}) attempt {} not delivered, next in {} ms: {}", delivery.id(), delivery.kind().id(),
                delivery.attempts(), wait.toMillis(), retry.reason());
        return store.retryIn(delivery.id(), wait, retry.reason());
    }
}
