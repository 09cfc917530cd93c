package io.plinth.test;

/**
 * The Kafka broker of this test JVM: a single KRaft node, topics auto-created with 3 partitions.
 *
 * <p>{@link #stop()} and {@link #start()} simulate a broker outage: the broker comes back on the same address with
 * its topics, records and committed offsets, so clients that keep their bootstrap servers reconnect by themselves.
 * A test that stops the broker must start it again (in a {@code finally}) because every other test of the JVM
 * shares it.
 */
public interface KafkaBroker {

    /** {@code host:port}, for {@code spring.kafka.bootstrap-servers} or a plain Kafka client. */
    String bootstrapServers();

    /** Stops the broker; its data and address are kept. */
    void stop();

    /** Starts the broker again on the same address and returns once it serves clients. No-op when running. */
    void start();

    boolean isRunning();
}
