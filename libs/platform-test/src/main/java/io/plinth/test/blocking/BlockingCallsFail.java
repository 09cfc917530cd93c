package io.plinth.test.blocking;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;
import reactor.core.publisher.Mono;

/**
 * Installs BlockHound once per test JVM, before any test runs, when {@code plinth.blockhound=true}
 * (the root pom's default for every test fork, unit and integration; {@code -Dplinth.blockhound=false}
 * turns it off for a run). From then on a blocking call on a non-blocking thread (Netty event loop,
 * Reactor parallel) throws {@code BlockingOperationError}: the request fails, and so does the test.
 * Blocking SDKs (stripe-java and the like) must run on a bounded elastic scheduler; this is what proves
 * they do.
 *
 * <p>Registered through {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener};
 * Reactor's and Netty's own integrations (which mark their threads non-blocking) load by ServiceLoader.
 */
public final class BlockingCallsFail implements LauncherSessionListener {

    public static final String ENABLED = "plinth.blockhound";

    private static final Logger log = LoggerFactory.getLogger(BlockingCallsFail.class);

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
        // Reactor's one-time set-up (ContextPropagationSupport reads service files from jars) runs on the first
        // subscribe. A service does that at start-up, on the main thread; a unit test may do it first on an
        // event loop, where BlockHound refuses it and Reactor then turns context propagation off for the JVM.
        Mono.empty().subscribe();
        long start = System.nanoTime();
        BlockHound.install(new NameLookupsBlock(), new KnownHarmless());
        installed = true;
        log.info("BlockHound installed in {} ms ({}=false turns it off)",
                (System.nanoTime() - start) / 1_000_000, ENABLED);
    }

    public static boolean isInstalled() {
        return installed;
    }

    /**
     * BlockHound's own list has no name lookups: the JDK's resolver (InetAddress, and Netty's
     * DefaultNameResolver on top of it) waits for DNS in native code, so a lookup on an event loop would
     * go unseen. A cached or literal address never reaches these methods.
     */
    static final class NameLookupsBlock implements BlockHoundIntegration {
        @Override
        public void applyTo(BlockHound.Builder builder) {
            for (String impl : new String[] {"java.net.Inet4AddressImpl", "java.net.Inet6AddressImpl"}) {
                builder.markAsBlocking(impl, "lookupAllHostAddr", "(Ljava/lang/String;)[Ljava/net/InetAddress;")
                        .markAsBlocking(impl, "getHostByAddr", "([B)Ljava/lang/String;");
            }
        }
    }

    /** Calls that block only in theory, or only a test's own infrastructure makes. */
    static final class KnownHarmless implements BlockHoundIntegration {
        @Override
        public void applyTo(BlockHound.Builder builder) {
            builder
                    // The error is also logged with its stack: code that swallows it (a listener, a callback
                    // that never signals) would otherwise leave a request hanging with nothing to say why.
                    .blockingMethodCallback(method -> {
                        BlockingOperationError error = new BlockingOperationError(method);
                        log.error("Blocking call on non-blocking thread {}", Thread.currentThread().getName(), error);
                        throw error;
                    })
                    // Log lines are written under the appender's lock to a buffered stream.
                    .allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "subAppend")
                    .allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "writeBytes")
                    // SecureRandom reads /dev/urandom, which never blocks once the kernel is seeded.
                    .allowBlockingCallsInside("java.util.UUID", "randomUUID")
                    .allowBlockingCallsInside("java.security.SecureRandom", "nextBytes")
                    // Hibernate Validator reads its message bundle from the jar once per locale, then caches it.
                    .allowBlockingCallsInside(
                            "org.hibernate.validator.resourceloading.PlatformResourceBundleLocator", "loadBundle")
                    // zstd-jni (here through kafka-clients) unpacks and loads its native library once per JVM,
                    // from the initializer of Netty's Zstd, which the first HTTP response a WebClient decodes
                    // runs on an event loop. Refused, Zstd just reports itself unavailable for the JVM's life.
                    .allowBlockingCallsInside("com.github.luben.zstd.util.Native", "load")
                    // Netty unpacks and loads its native transport (epoll) once per JVM, on whichever thread first
                    // asks for a client loop (R2DBC's first connection may do that on a Reactor thread). Refused,
                    // epoll is unavailable for the JVM's life and the tests would run on NIO, unlike production.
                    .allowBlockingCallsInside("io.netty.util.internal.NativeLibraryLoader", "load")
                    // Netty 4.2's adaptive buffer allocator, when two event loops contend for one magazine, grows
                    // the group and frees the old magazines under each one's StampedLock: held for a few buffer
                    // frees, never across I/O. Netty's own integration allows only its thread-local set-up; a CI
                    // run caught the park once (GatewayIT, two loops allocating at the same moment).
                    .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines")
                    // r2dbc-postgresql (1.1.1) connects through its own BalancedResolverGroup, a round-robin over
                    // the JDK's resolver, on its connection's event loop, and offers no way to choose another. It
                    // runs only when the pool opens a connection, the JDK caches the answer for 30 s, and the loop
                    // is the driver's (reactor-tcp), not one serving HTTP. Only that resolver is allowed here, so
                    // a JDK lookup on an event loop anywhere else still fails.
                    .allowBlockingCallsInside("io.netty.resolver.RoundRobinInetAddressResolver", "doResolveAll")
                    // springdoc scans the classpath once, on the first /v3/api-docs request, then caches the
                    // document (springdoc.pre-loading-enabled would move that scan to start-up).
                    .allowBlockingCallsInside("org.springdoc.api.AbstractOpenApiResource", "getOpenApi");
        }
    }
}
