package io.plinth.devstack.infra;

import io.plinth.embedded.KafkaNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * The Kafka component of the devstack as its own process: a single-node KRaft broker, so
 * {@code ./plinth stop kafka} is a real broker outage. Arguments: {@code PORT CONTROLLER_PORT
 * LOG_DIR KEEP_DATA}. Runs until SIGTERM, then does a controlled shutdown.
 */
public final class KafkaMain {

    private KafkaMain() {
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        if (args.length != 4) {
            System.err.println("usage: KafkaMain PORT CONTROLLER_PORT LOG_DIR KEEP_DATA");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        int controllerPort = Integer.parseInt(args[1]);
        Path logDir = Path.of(args[2]);
        boolean keepData = Boolean.parseBoolean(args[3]);
        if (!keepData) {
            deleteRecursively(logDir);
        }

        KafkaNode node = new KafkaNode(port, controllerPort, logDir);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("plinth: stopping Kafka on port " + port);
            node.stop();
            if (!keepData) {
                try {
                    deleteRecursively(logDir);
                } catch (IOException e) {
                    System.err.println("plinth: could not delete " + logDir + ": " + e.getMessage());
                }
            }
            stopped.countDown();
        }, "kafka-shutdown"));
        node.start();
        System.out.println("plinth: Kafka ready on " + node.bootstrapServers() + ", data in " + logDir);
        stopped.await();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
