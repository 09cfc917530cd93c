package io.plinth.sandbox.stripe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Stripe's {@code Idempotency-Key}: the first answer to a key is kept for 24 hours and replayed for
 * the same request; the same key with other parameters is an {@code idempotency_error}.
 */
final class StripeIdempotency {

    static final Duration KEPT_FOR = Duration.ofHours(24);

    record Answer(int status, Object body, boolean replayed) {
    }

    private record Stored(String request, int status, Object body, Instant at) {
    }

    private final Map<String, Stored> answers = new ConcurrentHashMap<>();
    private final Clock clock;

    StripeIdempotency(Clock clock) {
        this.clock = clock;
    }

    /** Runs {@code work} once per (api key, idempotency key); both errors and successes are replayed, as Stripe does. */
    synchronized Answer run(String apiKey, String key, String request, Supplier<Answer> work) {
        if (key == null || key.isBlank()) {
            return work.get();
        }
        String id = apiKey + "\n" + key;
        Stored stored = answers.get(id);
        if (stored != null && stored.at().plus(KEPT_FOR).isAfter(clock.instant())) {
            if (!Objects.equals(stored.request(), request)) {
                throw new StripeError(400, "idempotency_error", null, "Keys for idempotent requests can only be used "
                        + "with the same parameters they were first used with. Try using a key other than '" + key
                        + "' if you meant to execute a different request.", null);
            }
            return new Answer(stored.status(), stored.body(), true);
        }
        Answer answer = work.get();
        // Stripe does not keep answers to requests that failed on its side (5xx): those may be retried.
        if (answer.status() < 500) {
            answers.put(id, new Stored(request, answer.status(), answer.body(), clock.instant()));
        }
        return answer;
    }
}
