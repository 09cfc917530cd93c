package io.plinth.sandbox.faults;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Armed failures per provider: the next {@code times} calls to that provider's API answer
 * {@code status} (0 = answer normally) after {@code latency}. Used to exercise time limits,
 * retries and circuit breakers against a provider that is down or slow.
 */
public final class Faults {

    /** One armed fault; {@code remaining} counts down per call. */
    record Fault(int status, int remaining, Duration latency) {
    }

    /** Which request paths belong to which provider's API (Pipit's {@code /v1/payments} is not Stripe's). */
    private static final Map<String, Predicate<String>> PROVIDERS = Map.of(
            "stripe", path -> path.startsWith("/v1/") && !isPipit(path),
            "pipit", Faults::isPipit,
            "mpesa", path -> path.startsWith("/oauth/v1/") || path.startsWith("/mpesa/"));

    private final Map<String, Fault> armed = new ConcurrentHashMap<>();

    static boolean isPipit(String path) {
        return path.equals("/v1/payments") || path.startsWith("/v1/payments/");
    }

    public static boolean knows(String provider) {
        return PROVIDERS.containsKey(provider);
    }

    public void arm(String provider, int status, int times, Duration latency) {
        if (times <= 0) {
            armed.remove(provider);
        } else {
            armed.put(provider, new Fault(status, times, latency));
        }
    }

    public void clear(String provider) {
        armed.remove(provider);
    }

    /** Takes one use of the fault armed for the provider owning {@code path}, if any. */
    Optional<Fault> take(String path) {
        for (Map.Entry<String, Predicate<String>> provider : PROVIDERS.entrySet()) {
            if (provider.getValue().test(path)) {
                Fault[] taken = new Fault[1];
                armed.computeIfPresent(provider.getKey(), (name, fault) -> {
                    taken[0] = fault;
                    return fault.remaining() <= 1 ? null : new Fault(fault.status(), fault.remaining() - 1, fault.latency());
                });
                return Optional.ofNullable(taken[0]);
            }
        }
        return Optional.empty();
    }
}
