package io.plinth.devstack;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to run one component as a child process: its command line and environment, where it works
 * and logs, which start stage it belongs to (a stage starts only when the previous one is
 * healthy) and how to tell that it is healthy.
 *
 * @param otherPorts ports the component binds besides {@code port} (Kafka's controller listener)
 * @param bootJar for a Spring Boot service, its executable jar (run from an unpacked copy in
 *     {@code imageDir}, see {@link BootImage}); {@code command} then holds only the JVM and its flags
 * @param url what the person running the platform opens, or null for non-HTTP components
 */
public record ComponentSpec(
        String name,
        int port,
        List<Integer> otherPorts,
        int stage,
        List<String> command,
        Map<String, String> environment,
        Path workDir,
        Path logFile,
        HealthProbe probe,
        URI url,
        Path bootJar,
        Path imageDir,
        boolean classDataSharing) {

    public ComponentSpec {
        otherPorts = List.copyOf(otherPorts);
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    /** The full command line, unpacking a Spring Boot jar first when it was rebuilt. */
    List<String> launchCommand() {
        return bootJar == null
                ? command
                : BootImage.command(command.get(0), command.subList(1, command.size()), bootJar, imageDir,
                        classDataSharing);
    }

    /** Checks every port this component binds, naming the one that is taken. */
    void requirePortsFree() {
        Ports.requireFree(name, port);
        for (int other : otherPorts) {
            Ports.requireFree(name, other);
        }
    }
}
