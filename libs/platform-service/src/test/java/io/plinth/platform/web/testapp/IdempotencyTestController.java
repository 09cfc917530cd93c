package io.plinth.platform.web.testapp;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.plinth.platform.idempotency.Idempotent;
import io.plinth.platform.problem.ApiException;
import reactor.core.publisher.Mono;

/**
 * Idempotent endpoints whose side effect is a per-{@code ref} execution counter: the tests count
 * executions instead of trusting response codes.
 */
@RestController
@RequestMapping("/test/credits")
public class IdempotencyTestController {

    public record Consume(@NotBlank String ref, @PositiveOrZero long credits, @PositiveOrZero long delayMillis) {
    }

    public record Consumed(String transactionId, String ref, long credits, int execution) {
    }

    private final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failuresToInject = new ConcurrentHashMap<>();

    public int executions(String ref) {
        AtomicInteger count = executions.get(ref);
        return count == null ? 0 : count.get();
    }

    /** The next {@code times} executions for {@code ref} fail with an unexpected exception (500). */
    public void failNext(String ref, int times) {
        failuresToInject.put(ref, new AtomicInteger(times));
    }

    @Idempotent
    @PostMapping("/consume")
    Mono<ResponseEntity<Consumed>> consume(@Valid @RequestBody Consume request) {
        return Mono.delay(Duration.ofMillis(request.delayMillis())).flatMap(tick -> {
            int execution = executions.computeIfAbsent(request.ref(), ref -> new AtomicInteger()).incrementAndGet();
            AtomicInteger failures = failuresToInject.get(request.ref());
            if (failures != null && failures.getAndDecrement() > 0) {
                return Mono.error(new IllegalStateException("injected failure"));
            }
            if (request.credits() > 1000) {
                return Mono.error(ApiException.paymentRequired("insufficient_credits", "Not enough credits.")
                        .withProperty("execution", execution));
            }
            String transactionId = UUID.randomUUID().toString();
            return Mono.just(ResponseEntity.status(HttpStatus.CREATED)
                    .location(URI.create("/test/credits/transactions/" + transactionId))
                    .body(new Consumed(transactionId, request.ref(), request.credits(), execution)));
        });
    }

    @Idempotent(required = false)
    @PostMapping("/optional")
    Mono<Consumed> optional(@RequestBody Consume request) {
        int execution = executions.computeIfAbsent(request.ref(), ref -> new AtomicInteger()).incrementAndGet();
        return Mono.just(new Consumed(UUID.randomUUID().toString(), request.ref(), request.credits(), execution));
    }

    /** Not annotated: the header is ignored and every request executes. */
    @PostMapping("/plain")
    Mono<Consumed> plain(@RequestBody Consume request) {
        int execution = executions.computeIfAbsent(request.ref(), ref -> new AtomicInteger()).incrementAndGet();
        return Mono.just(new Consumed(UUID.randomUUID().toString(), request.ref(), request.credits(), execution));
    }
}
