package io.plinth.sandbox.controls;

import io.plinth.sandbox.delivery.Providers;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /_sandbox/{provider}/faults {status?, times?, latencyMs?}} arms a fault for the provider's
 * next {@code times} calls (default 1); {@code GET} shows what is armed, {@code DELETE} disarms.
 */
@RestController
class FaultsController {

    private static final int MAX_TIMES = 100_000;
    private static final long MAX_LATENCY_MS = 120_000;

    private final Faults faults;

    FaultsController(Faults faults) {
        this.faults = faults;
    }

    record FaultRequest(Integer status, Integer times, Long latencyMs) {
    }

    @PostMapping("/_sandbox/{provider}/faults")
    ResponseEntity<Object> arm(@PathVariable String provider, @RequestBody(required = false) FaultRequest request) {
        if (!Providers.isKnown(provider)) {
            return ControlErrors.unknownProvider(provider);
        }
        if (request == null || (request.status() == null && request.latencyMs() == null)) {
            return ControlErrors.badRequest("missing_fault", "Give a status, a latencyMs, or both.");
        }
        if (request.status() != null && (request.status() < 100 || request.status() > 599)) {
            return ControlErrors.badRequest("invalid_status", "status must be an HTTP status from 100 to 599.");
        }
        int times = request.times() == null ? 1 : request.times();
        if (times < 1 || times > MAX_TIMES) {
            return ControlErrors.badRequest("invalid_times", "times must be from 1 to " + MAX_TIMES + ".");
        }
        long latency = request.latencyMs() == null ? 0 : request.latencyMs();
        if (latency < 0 || latency > MAX_LATENCY_MS) {
            return ControlErrors.badRequest("invalid_latency", "latencyMs must be from 0 to " + MAX_LATENCY_MS + ".");
        }
        Fault fault = new Fault(request.status(), times, latency);
        faults.arm(provider, fault);
        return ResponseEntity.ok(view(provider, fault));
    }

    @GetMapping("/_sandbox/{provider}/faults")
    ResponseEntity<Object> show(@PathVariable String provider) {
        if (!Providers.isKnown(provider)) {
            return ControlErrors.unknownProvider(provider);
        }
        return ResponseEntity.ok(view(provider, faults.current(provider).orElse(new Fault(null, 0, 0))));
    }

    @DeleteMapping("/_sandbox/{provider}/faults")
    ResponseEntity<Object> disarm(@PathVariable String provider) {
        if (!Providers.isKnown(provider)) {
            return ControlErrors.unknownProvider(provider);
        }
        faults.clear(provider);
        return ResponseEntity.noContent().build();
    }

    private static Map<String, Object> view(String provider, Fault fault) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("provider", provider);
        view.put("status", fault.status());
        view.put("times", fault.remaining());
        view.put("latencyMs", fault.latencyMs());
        return view;
    }
}
