package io.plinth.sandbox.faults;

import java.time.Duration;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /_sandbox/{provider}/faults {status, times, latencyMs}} arms a fault; DELETE clears it. */
@RestController
class FaultsController {

    record FaultRequest(Integer status, Integer times, Long latencyMs) {
    }

    private final Faults faults;

    FaultsController(Faults faults) {
        this.faults = faults;
    }

    @PostMapping("/_sandbox/{provider}/faults")
    ResponseEntity<Map<String, Object>> arm(@PathVariable String provider, @RequestBody FaultRequest request) {
        if (!Faults.knows(provider)) {
            return ResponseEntity.status(404).body(Map.of("error", "no provider " + provider));
        }
        int status = request.status() == null ? 503 : request.status();
        int times = request.times() == null ? 1 : request.times();
        long latency = request.latencyMs() == null ? 0 : request.latencyMs();
        if ((status != 0 && (status < 400 || status > 599)) || times < 0 || latency < 0) {
            return ResponseEntity.badRequest().body(Map.of("error", "status 0 or 400-599, times >= 0, latencyMs >= 0"));
        }
        faults.arm(provider, status, times, Duration.ofMillis(latency));
        return ResponseEntity.ok(Map.of("provider", provider, "status", status, "times", times, "latencyMs", latency));
    }

    @DeleteMapping("/_sandbox/{provider}/faults")
    ResponseEntity<Void> clear(@PathVariable String provider) {
        faults.clear(provider);
        return ResponseEntity.noContent().build();
    }

    @Configuration(proxyBeanMethods = false)
    static class FaultsConfiguration {
        @Bean
        Faults faults() {
            return new Faults();
        }
    }
}
