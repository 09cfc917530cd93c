package io.plinth.platform.health;

import com.netflix.appinfo.HealthCheckHandler;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;

/**
 * The status a service pushes to Eureka is its readiness, nothing more: what Kubernetes routes by and
 * what the gateway routes by agree. Spring Cloud's own handler aggregates every health contributor, so
 * a broker outage (the {@code kafka} component), a full disk or any other contributor the service can
 * work through would take the instance out of every load balancer at once.
 *
 * <p>Eureka asks on its instance-info replication thread (every few seconds), never on an event loop,
 * so evaluating the group's reactive contributors through the blocking {@link HealthEndpoint} is fine.
 */
class ReadinessHealthCheckHandler implements HealthCheckHandler {

    private final ObjectProvider<HealthEndpoint> health;
    private final String group;

    ReadinessHealthCheckHandler(ObjectProvider<HealthEndpoint> health, String group) {
        this.health = health;
        this.group = group;
    }

    @Override
    public InstanceStatus getStatus(InstanceStatus current) {
        HealthEndpoint endpoint = health.getIfAvailable();
        if (endpoint == null) {
            // Actuator's health endpoint switched off: keep what Eureka already has rather than guess.
            return null;
        }
        HealthDescriptor readiness = endpoint.healthForPath(group);
        return toInstanceStatus(readiness == null ? null : readiness.getStatus());
    }

    /** A missing group (probes disabled) is UNKNOWN, never UP by default. */
    static InstanceStatus toInstanceStatus(Status status) {
        if (Status.UP.equals(status)) {
            return InstanceStatus.UP;
        }
        if (Status.DOWN.equals(status)) {
            return InstanceStatus.DOWN;
        }
        if (Status.OUT_OF_SERVICE.equals(status)) {
            return InstanceStatus.OUT_OF_SERVICE;
        }
        return InstanceStatus.UNKNOWN;
    }
}
