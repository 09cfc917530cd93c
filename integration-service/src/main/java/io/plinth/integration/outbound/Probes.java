package io.plinth.integration.outbound;

import io.plinth.integration.registry.TestResult;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/** A connection test's shape: run the provider calls, time them, and turn every failure into {@code ok:false}. */
public final class Probes {

    private Probes() {
    }

    /** {@code call} answers the success message; {@code refusal} words a provider's 4xx. */
    public static Mono<TestResult> timed(Mono<String> call, Function<ProviderRefused, String> refusal) {
        return Mono.defer(() -> {
            long started = System.nanoTime();
            return call.map(message -> new TestResult(true, millis(started), message))
                    .onErrorResume(e -> Mono.just(new TestResult(false, millis(started), e instanceof ProviderRefused r
                            ? refusal.apply(r)
                            : e instanceof ProviderUnavailable || e instanceof Misconfigured ? e.getMessage()
                            : "The test failed: " + e.getClass().getSimpleName())));
        });
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
