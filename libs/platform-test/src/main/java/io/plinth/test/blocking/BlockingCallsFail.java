package io.plinth.test.blocking;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Installs BlockHound once per test JVM, before any test runs, when {@code plinth.blockhound=true}
 * (the root pom sets it for every module's integration tests, failsafe). From then on a blocking
 * call on a non-blocking thread (Netty event loop, Reactor parallel) throws
 * {@code BlockingOperationError}: the request fails, and so does the test. Blocking SDKs (stripe-java
 * and the like) must run on a bounded elastic scheduler; this is what proves they do.
 *
 * <p>Registered through {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener};
 * Reactor's and Netty's own integrations (which mark their threads non-blocking) load by ServiceLoader.
 */
public final class BlockingCallsFail implements LauncherSessionListener {

    public static final String ENABLED = "plinth.blockhound";

    private static volatile boolean installed;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        install();
    }

    /** Idempotent; does nothing unless {@value #ENABLED} is true. */
    public static synchronized void install() {
        if (installed || !Boolean.getBoolean(ENABLED)) {
            return;
        }
        BlockHound.install(new KnownHarmless());
        installed = true;
    }

    public static boolean isInstalled() {
        return installed;
    }

    /** Calls that block only in theory, or only a test's own infrastructure makes. */
    static final class KnownHarmless implements BlockHoundIntegration {
        @Override
        public void applyTo(BlockHound.Builder builder) {
            builder
                    // Log lines are written under the appender's lock to a buffered stream.
                    .allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "subAppend")
                    .allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "writeBytes")
                    // SecureRandom reads /dev/urandom, which never blocks once the kernel is seeded.
                    .allowBlockingCallsInside("java.util.UUID", "randomUUID")
                    .allowBlockingCallsInside("java.security.SecureRandom", "nextBytes")
                    // Hibernate Validator reads its message bundle from the jar once per locale, then caches it.
                    .allowBlockingCallsInside(
                            "org.hibernate.validator.resourceloading.PlatformResourceBundleLocator", "loadBundle")
                    // springdoc scans the classpath once, on the first /v3/api-docs request, then caches the
                    // document (springdoc.pre-loading-enabled would move that scan to start-up).
                    .allowBlockingCallsInside("org.springdoc.api.AbstractOpenApiResource", "getOpenApi");
        }
    }
}
