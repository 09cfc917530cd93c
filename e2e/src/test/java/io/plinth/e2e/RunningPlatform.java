package io.plinth.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import io.plinth.devstack.Components;
import io.plinth.devstack.Devstack;
import io.plinth.devstack.DevstackSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole platform, started once per test JVM the way {@code ./plinth up} starts it — same topology, same child
 * JVMs, same environment, through the devstack's Java API — on ports the OS reports free, with a throw-away state
 * directory under {@code target/devstack}, so it never collides with a developer's running devstack. Every e2e class
 * that carries {@code @ExtendWith(RunningPlatform.class)} shares it; JUnit closes it when the last test of the run has
 * finished. Each component's log stays in {@code target/devstack/logs}.
 *
 * <p>Starting the platform takes minutes on a 2-core machine, which is why there is only one: a class that stops a
 * component must start it again, and wait until it is healthy, before it ends.
 */
public final class RunningPlatform implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunningPlatform.class);

    private static volatile Devstack platform;

    @Override
    public void beforeAll(ExtensionContext context) {
        // The root store outlives every class; what it holds is closed once, at the end of the whole run.
        context.getRoot().getStore(NAMESPACE).computeIfAbsent("platform", key -> new Started(start()), Started.class);
    }

    /** The started platform, for stopping and starting components and reading their addresses. */
    public static Devstack devstack() {
        Devstack started = platform;
        if (started == null) {
            throw new IllegalStateException("the platform is not started: annotate the class @ExtendWith(RunningPlatform.class)");
        }
        return started;
    }

    /** The gateway's base address, the one client apps use. */
    public static URI gateway() {
        return devstack().url(Components.GATEWAY);
    }

    private static Devstack start() {
        String root = System.getProperty("plinth.root");
        String dir = System.getProperty("plinth.e2e.dir");
        if (root == null || dir == null) {
            fail("plinth.root and plinth.e2e.dir are not set: run the e2e tests through Maven (./mvnw verify)");
        }
        // Every stage of the platform may take this long; a 2-core CI box starting six JVMs at once needs it.
        Duration stageTimeout = Duration.ofSeconds(Long.getLong("plinth.e2e.stageTimeoutSeconds", 600));
        DevstackSettings settings = DevstackSettings.defaults(Path.of(root))
                .withStateDir(Path.of(dir))
                .withKeepData(false)
                .withFreePorts()
                .withStartTimeout(stageTimeout)
                // A one-shot platform: recording class-data-sharing archives would only slow its stop.
                .withClassDataSharing(false);
        platform = Devstack.start(settings, line -> System.out.println("[devstack] " + line));
        return platform;
    }

    private record Started(Devstack devstack) implements AutoCloseable {
        @Override
        public void close() {
            platform = null;
            devstack.close();
        }
    }
}
