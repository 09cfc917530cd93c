package io.plinth.devstack;

import java.time.Duration;
import java.util.List;

/**
 * The table {@code ./plinth status} prints. HEALTH is what the devstack waits on (a service's
 * readiness); KAFKA is the service's own view of the broker and OUTBOX its events not yet in Kafka
 * with the age of the oldest, so a broker outage shows without the service turning DOWN.
 */
final class StatusTable {

    private static final String FORMAT = "%-20s %-6s %-11s %-7s %-6s %-11s %-8s %-9s %s";

    private StatusTable() {
    }

    static String format(List<ComponentStatus> rows) {
        StringBuilder table = new StringBuilder(
                String.format(FORMAT, "COMPONENT", "PORT", "STATE", "HEALTH", "KAFKA", "OUTBOX", "PID", "UPTIME", "ENDPOINT")
                        .stripTrailing());
        for (ComponentStatus row : rows) {
            table.append(System.lineSeparator()).append(String.format(FORMAT,
                    row.name(),
                    row.port(),
                    state(row),
                    row.healthy() == null ? "-" : row.healthy() ? "UP" : "DOWN",
                    row.events() == null || row.events().kafka() == null ? "-" : row.events().kafka(),
                    row.events() == null ? "-" : row.events().outbox(),
                    row.pid() == null ? "-" : row.pid().toString(),
                    row.uptime() == null ? "-" : uptime(row.uptime()),
                    endpoint(row)).stripTrailing());
        }
        return table.toString();
    }

    private static String state(ComponentStatus row) {
        return switch (row.state()) {
            case EXITED -> "exited(" + row.exitCode() + ")";
            case FAILED -> "failed";
            default -> row.state().name().toLowerCase();
        };
    }

    static String endpoint(ComponentStatus row) {
        if (row.url() != null) {
            return row.url().toString();
        }
        return row.name().equals(Components.POSTGRES)
                ? "jdbc:postgresql://localhost:" + row.port() + "/"
                : "localhost:" + row.port();
    }

    static String uptime(Duration uptime) {
        long seconds = uptime.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format("%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }

    /** What {@code ./plinth up} prints once everything is healthy. */
    static String summary(DevstackSettings settings) {
        String nl = System.lineSeparator();
        String logs = fromRoot(settings, settings.logDir());
        StringBuilder text = new StringBuilder();
        text.append("  gateway             http://localhost:").append(settings.port(Components.GATEWAY))
                .append("   (API docs: http://localhost:").append(settings.port(Components.GATEWAY)).append("/docs)").append(nl);
        text.append("  gateway management  http://localhost:").append(settings.port(Components.GATEWAY_MANAGEMENT))
                .append("   (health, metrics: /actuator/prometheus; not routed)").append(nl);
        text.append("  eureka              http://localhost:").append(settings.port(Components.DISCOVERY)).append(nl);
        text.append("  provider-sandbox    http://localhost:").append(settings.port(Components.SANDBOX)).append(nl);
        text.append("  admin console       http://localhost:").append(settings.port(Components.GATEWAY)).append("/console")
                .append("   (sign in with the admin account)").append(nl);
        for (String service : Components.SERVICES) {
            text.append(String.format("  %-19s http://localhost:%d   (metrics: /actuator/prometheus)%s",
                    service, settings.port(service), nl));
        }
        text.append("  postgres            jdbc:postgresql://localhost:").append(settings.port(Components.POSTGRES))
                .append("/{auth,credit,payment,video,integration}   user postgres").append(nl);
        text.append("  kafka               localhost:").append(settings.port(Components.KAFKA)).append(nl);
        String s3Data = fromRoot(settings, settings.s3DataDir());
        text.append("  object store (S3)   http://localhost:").append(settings.port(Components.S3))
                .append("   (video-service's MP4s, data under ").append(s3Data).append("; an S3 API, not a web page)").append(nl);
        text.append("  admin account       ").append(settings.adminEmail()).append(" / ").append(settings.adminPassword()).append(nl);
        text.append("  logs                ").append(logs).append("/NAME.log   (./plinth logs NAME)");
        return text.toString();
    }

    /** A directory as the user sees it from the repository root, where they run ./plinth. */
    private static String fromRoot(DevstackSettings settings, java.nio.file.Path dir) {
        return dir.startsWith(settings.root()) ? settings.root().relativize(dir).toString() : dir.toString();
    }
}
