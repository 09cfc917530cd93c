package io.plinth.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka: one KRaft process that is both broker and controller, listening on {@code localhost}.
 *
 * <p>Built directly on {@link KafkaRaftServer}, the class {@code kafka-server-start.sh} runs, rather than on
 * spring-kafka-test's {@code EmbeddedKafkaKraftBroker}: the test kit behind the latter formats fresh temporary
 * directories on every start and picks new ports, whereas the devstack and the outbox tests need a node that is
 * {@link #stop() stopped} and {@link #start() started} again <em>on the same port with the same log directory</em>,
 * keeping its topics, records and committed offsets. It is also a runtime dependency of the devstack, which must not
 * pull test jars.
 *
 * <p>Topics are auto-created with {@value #PARTITIONS} partitions; every internal topic (offsets, transactions, share
 * state) uses replication factor 1, as a single node requires.
 */
public final class KafkaNode implements AutoCloseable {

    public static final int PARTITIONS = 3;

    private static final Logger log = LoggerFactory.getLogger(KafkaNode.class);
    private static final int NODE_ID = 1;
    private static final String HOST = "localhost";
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final Path logDir;
    private int port;
    private int controllerPort;
    private KafkaRaftServer server;

    /**
     * @param port           client port; 0 picks a free port on the first start, kept for every later start
     * @param controllerPort KRaft controller port; 0 likewise. The devstack passes a fixed one so the node can be
     *                       restarted across devstack runs.
     * @param logDir         where topics and KRaft metadata live; formatted on the first start only, so a node
     *                       started again on the same directory has all its data
     */
    public KafkaNode(int port, int controllerPort, Path logDir) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.logDir = logDir.toAbsolutePath();
    }

    /** A node on free ports with its data in {@code logDir}. */
    public static KafkaNode onFreePorts(Path logDir) {
        return new KafkaNode(0, 0, logDir);
    }

    /**
     * Starts the node and returns once the broker has caught up with the metadata log and is unfenced, that is ready
     * for clients. Does nothing when already running.
     */
    public synchronized KafkaNode start() {
        if (server != null) {
            return this;
        }
        try {
            Files.createDirectories(logDir);
            if (port == 0) {
                port = freePort();
            }
            if (controllerPort == 0) {
                controllerPort = freePort();
            }
            KafkaConfig config = KafkaConfig.fromProps(properties(), false);
            formatOnFirstStart();
            long started = System.nanoTime();
            KafkaRaftServer raftServer = new KafkaRaftServer(config, Time.SYSTEM);
            try {
                raftServer.startup();
            } catch (RuntimeException e) {
                raftServer.shutdown();
                raftServer.awaitShutdown();
                throw e;
            }
            server = raftServer;
            log.info("Kafka started on {} in {} ms with data in {}", bootstrapServers(),
                    (System.nanoTime() - started) / 1_000_000, logDir);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka did not start in " + logDir, e);
        }
    }

    /**
     * Stops the node (a controlled shutdown: logs flushed, clean-shutdown marker written) and keeps its data and
     * ports for {@link #start()}. Clients see the broker disappear, exactly as with a real outage.
     */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        long started = System.nanoTime();
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            server = null;
        }
        log.info("Kafka on {} stopped in {} ms", bootstrapServers(), (System.nanoTime() - started) / 1_000_000);
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The client port; known after the first {@link #start()} when constructed with port 0. */
    public synchronized int port() {
        return port;
    }

    public synchronized int controllerPort() {
        return controllerPort;
    }

    public synchronized String bootstrapServers() {
        return HOST + ":" + port;
    }

    public Path logDir() {
        return logDir;
    }

    @Override
    public void close() {
        stop();
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        // A static single-voter quorum: nothing about the voter set is stored, so it needs no extra formatting.
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", BROKER_LISTENER);
        p.put("listeners", BROKER_LISTENER + "://" + HOST + ":" + port + "," + CONTROLLER_LISTENER + "://" + HOST + ":"
                + controllerPort);
        p.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + port);
        p.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", logDir.toString());

        p.put("auto.create.topics.enable", "true");
        p.put("num.partitions", String.valueOf(PARTITIONS));
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        // The default 50 offsets partitions cost seconds on the first consumer group; a few serve one node well.
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // Consumers join a group at once instead of waiting 3 s for more members that will never come.
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("delete.topic.enable", "true");
        return p;
    }

    private void formatOnFirstStart() throws IOException {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try (PrintStream toLog = new PrintStream(new LineLogger(), true)) {
            new Formatter()
                    .setPrintStream(toLog)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setNodeId(NODE_ID)
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setIgnoreFormatted(false)
                    .run();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka storage in " + logDir, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** The formatter reports on a PrintStream; its lines belong in the log, not on stdout. */
    private static final class LineLogger extends OutputStream {
        private final StringBuilder line = new StringBuilder();

        @Override
        public void write(int b) {
            if (b == '\n') {
                flushLine();
            } else if (b != '\r') {
                line.append((char) b);
            }
        }

        @Override
        public void close() {
            flushLine();
        }

        private void flushLine() {
            if (!line.isEmpty()) {
                log.info("storage format: {}", line);
                line.setLength(0);
            }
        }
    }
}
