package io.plinth.test;

import io.plinth.embedded.S3ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The S3-compatible object store of this test JVM (S3Proxy, filesystem backend, its own child
 * JVM), started on first use and stopped with the JVM. The module's build must copy S3Proxy's jar
 * and name it in the system property {@value S3ProxyServer#JAR_PROPERTY} (see video-service's pom).
 */
public final class ObjectStore {

    public static final String IDENTITY = "plinth-test";
    public static final String CREDENTIAL = "plinth-test-credential";

    private ObjectStore() {
    }

    private static final class Holder {
        static final S3ProxyServer INSTANCE = start();
    }

    /** Path-style S3 endpoint, e.g. {@code http://127.0.0.1:41234}. */
    public static URI endpoint() {
        return Holder.INSTANCE.endpoint();
    }

    private static S3ProxyServer start() {
        try {
            Path data = Files.createTempDirectory("plinth-s3-");
            return S3ProxyServer.start(S3ProxyServer.jarFromSystemProperty(), freePort(), data, IDENTITY, CREDENTIAL,
                    data.resolveSibling(data.getFileName() + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
