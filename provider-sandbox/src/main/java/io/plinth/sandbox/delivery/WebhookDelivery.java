package io.plinth.sandbox.delivery;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;

/**
 * The sandbox's webhook engine, the one API every provider package calls to "call Plinth back":
 * it stores the event, signs it as that provider signs ({@link WebhookSigners}) and POSTs it to the
 * provider's configured endpoint, retrying with exponential back-off while the endpoint is down or
 * answers anything but 2xx — as the real providers do — until it gets a 2xx or runs out of attempts.
 * Each attempt is signed afresh with the time of that attempt. Calls return at once (nothing blocks);
 * delivery happens in the background and is visible through {@link #events} and the
 * {@code /_sandbox/{provider}/events} control.
 *
 * <pre>{@code
 * StripeEvents.Built e = StripeEvents.event("checkout.session.completed", sessionAsMap);
 * delivery.send(Providers.STRIPE, e.id(), e.type(), e.json());          // to the configured endpoint
 * delivery.send(Providers.MPESA, checkoutRequestId, "stk_callback", json, callbackUrl); // to a URL from the request
 * }</pre>
 */
@Component
public class WebhookDelivery implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);
    private static final int ERROR_SNIPPET = 300;

    private final SandboxProperties properties;
    private final Clock clock;
    private final Backoff backoff;
    private final EventStore store;
    private final WebClient http;
    private final Map<String, WebhookSigner> signers = new ConcurrentHashMap<>();
    /** Emits once when the application stops: every delivery still waiting to retry ends there. */
    private final Sinks.One<Boolean> stopped = Sinks.one();

    @Autowired
    public WebhookDelivery(SandboxProperties properties) {
        this(properties, Clock.systemUTC());
    }

    WebhookDelivery(SandboxProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        SandboxProperties.Delivery delivery = properties.delivery();
        this.backoff = new Backoff(delivery.initialBackoff(), delivery.maxBackoff());
        this.store = new EventStore(delivery.keepEvents());
        this.http = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create().responseTimeout(delivery.timeout())))
                .build();
    }

    /** Stores {@code json} as event {@code eventId} and delivers it to the provider's configured endpoint. */
    public SandboxEvent send(String provider, String eventId, String type, String json) {
        return send(provider, eventId, type, json, endpoint(provider));
    }

    /**
     * The same, to an endpoint the request named (M-Pesa's {@code CallBackURL}, CapCut's {@code callback_url}).
     *
     * @throws IllegalArgumentException for a provider that sends no webhooks, or an event id already sent
     *                                  (use {@link #resend} to deliver an event again)
     */
    public SandboxEvent send(String provider, String eventId, String type, String json, URI endpoint) {
        WebhookSigner signer = signer(provider);
        StoredEvent event = new StoredEvent(eventId, provider, type, clock.instant().getEpochSecond(), endpoint,
                json.getBytes(StandardCharsets.UTF_8));
        if (!store.add(provider, event)) {
            throw new IllegalArgumentException(provider + " event " + eventId + " was already sent; resend it instead");
        }
        deliver(event, signer);
        return event.snapshot();
    }

    /** Delivers a stored event again, byte for byte (freshly signed), like {@code stripe events resend}. */
    public Optional<SandboxEvent> resend(String provider, String eventId) {
        WebhookSigner signer = signer(provider);
        return store.find(provider, eventId).map(event -> {
            deliver(event, signer);
            return event.snapshot();
        });
    }

    /** The provider's events, newest first. */
    public List<SandboxEvent> events(String provider, int limit) {
        return store.newest(provider, limit).stream().map(StoredEvent::snapshot).toList();
    }

    /** The next page of the provider's events, newest first, after {@code startingAfter}; empty if it is not kept. */
    public Optional<List<SandboxEvent>> events(String provider, int limit, String startingAfter) {
        return store.newest(provider, limit, startingAfter)
                .map(events -> events.stream().map(StoredEvent::snapshot).toList());
    }

    public Optional<SandboxEvent> event(String provider, String eventId) {
        return store.find(provider, eventId).map(StoredEvent::snapshot);
    }

    /** Where the provider's webhooks go: its own {@code url}, else the base URL plus Plinth's ingress path. */
    public URI endpoint(String provider) {
        SandboxProperties.Endpoint configured = properties.webhooks().get(provider);
        if (configured != null && configured.url() != null) {
            return configured.url();
        }
        String base = properties.webhookBaseUrl().toString().replaceAll("/+$", "");
        return URI.create(base + "/api/v1/webhooks/" + provider);
    }

    /** The provider's active secrets, in signing order. */
    public List<String> secrets(String provider) {
        SandboxProperties.Endpoint configured = properties.webhooks().get(provider);
        return configured == null ? List.of() : configured.secrets();
    }

    /** The provider's signer over its configured secrets. */
    public WebhookSigner signer(String provider) {
        if (!Providers.sendsWebhooks(provider)) {
            throw new IllegalArgumentException(provider + " sends no webhooks");
        }
        return signers.computeIfAbsent(provider, p -> WebhookSigners.forProvider(p, secrets(p)));
    }

    private void deliver(StoredEvent event, WebhookSigner signer) {
        int delivery = event.startDelivery();
        attempt(event, signer, delivery, 1).takeUntilOther(stopped.asMono()).subscribe();
    }

    private Mono<Void> attempt(StoredEvent event, WebhookSigner signer, int delivery, int attempt) {
        return Mono.defer(() -> {
            long startNanos = System.nanoTime();
            Instant sentAt = clock.instant();
            Map<String, String> headers = signer.sign(event.body(), sentAt.getEpochSecond());
            return http.post()
                    .uri(event.endpoint())
                    .contentType(MediaType.APPLICATION_JSON)
                    .headers(h -> headers.forEach(h::set))
                    .bodyValue(event.body())
                    .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                            .map(body -> outcome(delivery, attempt, sentAt, startNanos, response.statusCode().value(), body)))
                    .onErrorResume(e -> Mono.just(outcome(delivery, attempt, sentAt, startNanos, 0, describe(e))))
                    .flatMap(result -> {
                        boolean last = !result.succeeded() && attempt >= properties.delivery().maxAttempts();
                        event.record(result, last);
                        if (result.succeeded()) {
                            return Mono.empty();
                        }
                        if (last) {
                            log.warn("Gave up delivering {} event {} to {} after {} attempts: {}",
                                    event.provider(), event.id(), event.endpoint(), attempt, result.error());
                            return Mono.empty();
                        }
                        Duration wait = backoff.after(attempt);
                        log.info("Delivery of event {} to {} failed ({}); retrying in {} ms",
                                event.id(), event.endpoint(), result.error(), wait.toMillis());
                        return Mono.delay(wait).then(attempt(event, signer, delivery, attempt + 1));
                    });
        });
    }

    private DeliveryAttempt outcome(int delivery, int attempt, Instant at, long startNanos, int status,
            String body) {
        long millis = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
        boolean ok = status >= 200 && status < 300;
        String error = ok ? null : (status == 0 ? body : "HTTP " + status + " " + snippet(body));
        return new DeliveryAttempt(delivery, attempt, at, status, error, millis);
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof TimeoutException || root.getClass().getSimpleName().contains("Timeout")) {
            return "no answer in time";
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + snippet(message));
    }

    private static String snippet(String s) {
        String flat = s.replaceAll("\\s+", " ").trim();
        return flat.length() <= ERROR_SNIPPET ? flat : flat.substring(0, ERROR_SNIPPET) + "…";
    }

    @Override
    public void destroy() {
        stopped.tryEmitValue(Boolean.TRUE);
    }
}
