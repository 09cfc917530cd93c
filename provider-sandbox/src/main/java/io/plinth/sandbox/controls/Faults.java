package io.plinth.sandbox.controls;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The faults armed per provider; each call takes one, atomically, until none remain. */
@Component
class Faults {

    private final Map<String, Fault> armed = new ConcurrentHashMap<>();

    void arm(String provider, Fault fault) {
        armed.put(provider, fault);
    }

    void clear(String provider) {
        armed.remove(provider);
    }

    Optional<Fault> current(String provider) {
        return Optional.ofNullable(armed.get(provider));
    }

    /** Uses up one call's worth of the provider's fault, if any is armed. */
    Optional<Fault> take(String provider) {
        Fault[] taken = new Fault[1];
        armed.computeIfPresent(provider, (p, fault) -> {
            taken[0] = fault;
            return fault.remaining() <= 1 ? null : new Fault(fault.status(), fault.remaining() - 1, fault.latencyMs());
        });
        return Optional.ofNullable(taken[0]);
    }
}
