package io.plinth.platform.web.testapp;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.plinth.platform.problem.ApiException;
import reactor.core.publisher.Mono;

/** One endpoint per error class the platform must render as problem+json. */
@RestController
@RequestMapping("/test")
class ProblemTestController {

    private static final Logger log = LoggerFactory.getLogger(ProblemTestController.class);

    record Item(@NotBlank String priceId, @Min(1) int quantity) {
    }

    record Order(@NotBlank @Email String email, @Positive long credits, @NotEmpty List<@Valid Item> items) {
    }

    @PostMapping(path = "/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Order> order(@Valid @RequestBody Order order) {
        return Mono.just(order);
    }

    @GetMapping("/items")
    Map<String, Object> items(@RequestParam @Min(1) @Max(100) int limit) {
        return Map.of("limit", limit);
    }

    @GetMapping("/insufficient")
    Mono<Void> insufficient() {
        return Mono.error(new ApiException(HttpStatus.PAYMENT_REQUIRED, "insufficient_credits", "Balance 3 is below 5.")
                .withProperty("balance", 3));
    }

    @GetMapping("/limited")
    Mono<Void> limited() {
        throw ApiException.tooManyRequests("daily_limit_reached", "3 generations per day.", Duration.ofMinutes(90));
    }

    @GetMapping("/status")
    Mono<Void> status() {
        return Mono.error(new ResponseStatusException(HttpStatus.CONFLICT, "The video is already rendering."));
    }

    @GetMapping("/boom")
    Mono<Void> boom() {
        return Mono.error(new IllegalStateException("connection string postgres://secret@db internals"));
    }

    /** Reports the MDC as seen after a thread hop, proving trace and request ids follow the request. */
    @GetMapping("/mdc")
    Mono<Map<String, String>> mdc() {
        return Mono.delay(Duration.ofMillis(5)).map(tick -> {
            log.info("mdc probe after a thread hop");
            return Map.of(
                    "requestId", String.valueOf(MDC.get("requestId")),
                    "traceId", String.valueOf(MDC.get("traceId")),
                    "thread", Thread.currentThread().getName());
        });
    }
}
