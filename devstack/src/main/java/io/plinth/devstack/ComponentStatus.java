package io.plinth.devstack;

import java.net.URI;
import java.time.Duration;

/**
 * A snapshot of one component for {@code ./plinth status}.
 *
 * @param healthy the probe's answer now; null when the process is not running
 * @param pid null when not running
 * @param uptime null when not running
 * @param exitCode the last exit code, if the process has exited
 * @param events for a running service, its view of Kafka and its outbox; null otherwise
 */
public record ComponentStatus(
        String name,
        int port,
        ComponentState state,
        Boolean healthy,
        Long pid,
        Duration uptime,
        Integer exitCode,
        URI url,
        EventFlow events) {

    ComponentStatus withEvents(EventFlow flow) {
        return new ComponentStatus(name, port, state, healthy, pid, uptime, exitCode, url, flow);
    }
}
