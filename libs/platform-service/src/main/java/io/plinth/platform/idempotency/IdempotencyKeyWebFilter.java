package io.plinth.platform.idempotency;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.plinth.platform.problem.ApiException;
import io.plinth.web.ProblemCodes;
import io.plinth.platform.problem.ProblemExceptionHandler;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies {@code Idempotency-Key} to POSTs whose handler method carries {@link Idempotent}.
 *
 * <p>Flow: buffer the body (it is hashed and must be re-read by the handler), claim the key in its
 * own statement, run the handler with a response decorator that captures status, Content-Type,
 * Location and body, and store that before the client sees it. A 5xx, an error, or a cancelled
 * exchange (client went away) releases the claim so the client can retry; 4xx answers are stored
 * and replayed like Stripe does. Errors are rendered by {@link ProblemExceptionHandler} through the
 * decorated exchange, so a problem response is stored like any other.
 */
public class IdempotencyKeyWebFilter implements WebFilter, Ordered {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final int MAX_KEY_LENGTH = 255;
    /** After Spring Security's filter chain (-100), so the caller's principal is known. */
    public static final int ORDER = 0;

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyWebFilter.class);
    private static final Duration IN_USE_RETRY_AFTER = Duration.ofSeconds(1);

    private final Supplier<RequestMappingHandlerMapping> handlerMapping;
    private final IdempotencyStore store;
    private final IdempotencyCallerResolver callers;
    private final ProblemExceptionHandler problems;
    private final int maxBodyBytes;

    IdempotencyKeyWebFilter(Supplier<RequestMappingHandlerMapping> handlerMapping, IdempotencyStore store,
                            IdempotencyCallerResolver callers, ProblemExceptionHandler problems, int maxBodyBytes) {
        this.handlerMapping = handlerMapping;
        this.store = store;
        this.callers = callers;
        this.problems = problems;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!HttpMethod.POST.equals(exchange.getRequest().getMethod())) {
            return chain.filter(exchange);
        }
        return idempotentAnnotation(exchange)
                .flatMap(annotation -> annotation
                        .map(idempotent -> applyTo(exchange, chain, idempotent))
                        .orElseGet(() -> chain.filter(exchange)));
    }

    /** Routing errors (404, 405, 415) are left for the dispatcher to raise again and the problem handler to render. */
    private Mono<Optional<Idempotent>> idempotentAnnotation(ServerWebExchange exchange) {
        return handlerMapping.get().getHandler(exchange)
                .onErrorResume(ex -> Mono.empty())
                .filter(HandlerMethod.class::isInstance)
                .map(handler -> Optional.ofNullable(find((HandlerMethod) handler)))
                .defaultIfEmpty(Optional.empty());
    }

    private static Idempotent find(HandlerMethod handler) {
        Idempotent onMethod = handler.getMethodAnnotation(Idempotent.class);
        return onMethod != null ? onMethod : AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), Idempotent.class);
    }

    private Mono<Void> applyTo(ServerWebExchange exchange, WebFilterChain chain, Idempotent idempotent) {
        String key = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (key == null || key.isEmpty()) {
            return idempotent.required()
                    ? Mono.error(ApiException.badRequest(ProblemCodes.IDEMPOTENCY_KEY_REQUIRED,
                    "This endpoint requires an Idempotency-Key header (a unique value per operation, e.g. a UUID)."))
                    : chain.filter(exchange);
        }
        if (!isAcceptableKey(key)) {
            return Mono.error(ApiException.badRequest(ProblemCodes.IDEMPOTENCY_KEY_INVALID,
                    "The Idempotency-Key header must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters."));
        }
        return readBody(exchange.getRequest()).flatMap(body -> callers.resolve(exchange, body)
                .map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(caller -> caller.isEmpty()
                        // No caller could be established: answer without claiming the key in anyone's name.
                        ? chain.filter(exchange.mutate().request(replayable(exchange, body)).build())
                        : claimAndExecute(exchange, chain, caller.get(), key, body)));
    }

    private Mono<Void> claimAndExecute(ServerWebExchange exchange, WebFilterChain chain, String caller, String key,
                                       byte[] body) {
        ServerHttpRequest request = exchange.getRequest();
        String target = request.getURI().getRawQuery() == null ? request.getPath().value()
                : request.getPath().value() + "?" + request.getURI().getRawQuery();
        byte[] hash = RequestFingerprint.of(request.getMethod().name(), target, body);
        return store.claim(caller, key, hash).flatMap(outcome -> {
            if (outcome instanceof ClaimOutcome.Claimed claimed) {
                return execute(exchange, chain, claimed, body);
            }
            ClaimOutcome.Existing existing = (ClaimOutcome.Existing) outcome;
            if (!Arrays.equals(existing.requestHash(), hash)) {
                return Mono.error(ApiException.conflict(ProblemCodes.IDEMPOTENCY_KEY_REUSED,
                        "This Idempotency-Key was already used with a different request."));
            }
            if (existing.inProgress()) {
                return Mono.error(ApiException.conflict(ProblemCodes.IDEMPOTENCY_KEY_IN_USE,
                                "A request with this Idempotency-Key is still being processed. Retry shortly.")
                        .withRetryAfter(IN_USE_RETRY_AFTER));
            }
            return replay(exchange, existing.response());
        });
    }

    static boolean isAcceptableKey(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** The codec limit applies here too: a body above it is a 413, never an unbounded buffer. */
    private Mono<byte[]> readBody(ServerHttpRequest request) {
        return DataBufferUtils.join(request.getBody(), maxBodyBytes)
                .map(IdempotencyKeyWebFilter::copyAndRelease)
                .defaultIfEmpty(new byte[0]);
    }

    private static byte[] copyAndRelease(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    /** The request with its body, already read for the fingerprint, readable again by the handler. */
    private static ServerHttpRequest replayable(ServerWebExchange exchange, byte[] body) {
        return new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return body.length == 0 ? Flux.empty()
                        : Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
            }
        };
    }

    private Mono<Void> execute(ServerWebExchange exchange, WebFilterChain chain, ClaimOutcome.Claimed claim, byte[] body) {
        ServerHttpRequest request = replayable(exchange, body);
        RecordingResponse response = new RecordingResponse(exchange.getResponse(), claim);
        ServerWebExchange decorated = exchange.mutate().request(request).response(response).build();
        return chain.filter(decorated)
                .onErrorResume(ex -> problems.handle(decorated, ex))
                // A handler that set a status without writing a body never calls writeWith on our decorator.
                .then(Mono.defer(() -> response.record(new byte[0])))
                .doOnError(ex -> response.abandon("failed while answering"))
                .doOnCancel(() -> response.abandon("the exchange was cancelled"));
    }

    private Mono<Void> replay(ServerWebExchange exchange, StoredResponse stored) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(stored.status()));
        HttpHeaders headers = response.getHeaders();
        if (stored.contentType() != null) {
            headers.setContentType(MediaType.parseMediaType(stored.contentType()));
        }
        if (stored.location() != null) {
            headers.set(HttpHeaders.LOCATION, stored.location());
        }
        headers.set(REPLAYED_HEADER, "true");
        headers.setContentLength(stored.body().length);
        if (stored.body().length == 0) {
            return response.setComplete();
        }
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(stored.body())));
    }

    /** Captures the first response and settles the claim exactly once before the bytes go out. */
    private final class RecordingResponse extends ServerHttpResponseDecorator {

        private final ClaimOutcome.Claimed claim;
        private final AtomicBoolean settled = new AtomicBoolean();

        RecordingResponse(ServerHttpResponse delegate, ClaimOutcome.Claimed claim) {
            super(delegate);
            this.claim = claim;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            return DataBufferUtils.join(Flux.from(body))
                    .map(IdempotencyKeyWebFilter::copyAndRelease)
                    .defaultIfEmpty(new byte[0])
                    .flatMap(bytes -> record(bytes).then(getDelegate().writeWith(
                            Mono.fromSupplier(() -> bufferFactory().wrap(bytes)))));
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            // Idempotent endpoints answer one document; a streamed answer is stored whole.
            return writeWith(Flux.from(body).concatMap(Flux::from));
        }

        @Override
        public Mono<Void> setComplete() {
            return record(new byte[0]).then(getDelegate().setComplete());
        }

        Mono<Void> record(byte[] body) {
            if (!settled.compareAndSet(false, true)) {
                return Mono.empty();
            }
            HttpStatusCode status = getStatusCode() == null ? HttpStatusCode.valueOf(200) : getStatusCode();
            if (status.is5xxServerError()) {
                return store.release(claim)
                        .doOnError(ex -> log.error("Could not release idempotency key after a {}", status.value(), ex))
                        .onErrorComplete()
                        .then();
            }
            MediaType contentType = getHeaders().getContentType();
            StoredResponse stored = new StoredResponse(status.value(),
                    contentType == null ? null : contentType.toString(),
                    getHeaders().getFirst(HttpHeaders.LOCATION), body);
            return store.complete(claim, stored)
                    .doOnNext(saved -> {
                        if (!saved) {
                            log.warn("Idempotency claim was lost before completion (handler slower than lock-timeout?)");
                        }
                    })
                    // The side effects already happened: answering the client beats failing on bookkeeping.
                    // The claim stays in progress, so a retry gets 409 in_use rather than a second execution.
                    .doOnError(ex -> log.error("Could not store the idempotent response", ex))
                    .onErrorComplete()
                    .then();
        }

        void abandon(String why) {
            if (settled.compareAndSet(false, true)) {
                log.info("Releasing idempotency key: {}", why);
                store.release(claim)
                        .doOnError(ex -> log.error("Could not release idempotency key", ex))
                        .onErrorComplete()
                        .subscribe();
            }
        }
    }
}
