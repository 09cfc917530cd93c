package io.plinth.platform.eventflow;

import java.util.stream.Stream;
import java.sql.Connection;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import io.plinth.platform.outbox.OutboxProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.plinth.events.EventEnvelope;
import io.plinth.events.EventJson;
import io.plinth.events.Topics;
import io.plinth.events.credit.CreditsGranted;
import io.plinth.events.credit.CreditsLow;
import io.plinth.platform.inbox.Inbox;
import com.netflix.appinfo.HealthCheckHandler;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import io.plinth.platform.kafka.KafkaHealthIndicator;
import io.plinth.platform.kafka.KafkaPublisher;
import io.plinth.platform.outbox.Outbox;
import io.plinth.platform.outbox.OutboxRelay;
import io.plinth.test.KafkaBroker;
import io.plinth.test.PlatformInfrastructure;
import io.plinth.test.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;

/**
 * Outbox → Kafka → inbox across two application contexts (a producing and a consuming service, each
 * with its own database), against the real PostgreSQL and Kafka of libs/platform-test.
 */
class OutboxToInboxFlowIT {

    private static final Logger log = LoggerFactory.getLogger(OutboxToInboxFlowIT.class);

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static final String CONSUMER = "flow-consumer-" + UUID.randomUUID().toString().substring(0, 8);

    private static ConfigurableApplicationContext producer;
    /** A second replica of the producing service on the same database: its relay competes for the same rows. */
    private static ConfigurableApplicationContext producerReplica;
    private static ConfigurableApplicationContext consumer;
    private static JdbcTemplate producerDb;
    private static JdbcTemplate consumerDb;

    @BeforeAll
    static void startBothServices() {
        String producerDatabase = PlatformInfrastructure.newDatabase("flow_producer");
        String consumerDatabase = PlatformInfrastructure.newDatabase("flow_consumer");
        producer = start(ProducerTestApp.class, "flow-producer", producerDatabase, "classpath:db/producer");
        producerReplica = start(ProducerTestApp.class, "flow-producer", producerDatabase, "classpath:db/producer");
        consumer = start(ConsumerTestApp.class, CONSUMER, consumerDatabase, "classpath:db/consumer");
        producerDb = new JdbcTemplate(PlatformInfrastructure.postgres().dataSource(producerDatabase));
        consumerDb = new JdbcTemplate(PlatformInfrastructure.postgres().dataSource(consumerDatabase));
    }

    @AfterAll
    static void stopBothServices() {
        PlatformInfrastructure.kafka().start();
        if (consumer != null) {
            consumer.close();
        }
        if (producerReplica != null) {
            producerReplica.close();
        }
        if (producer != null) {
            producer.close();
        }
    }

    private static ConfigurableApplicationContext start(Class<?> app, String name, String database, String migrations,
                                                        String... extraSettings) {
        PostgresServer postgres = PlatformInfrastructure.postgres();
        // Command-line arguments rather than builder properties: those are "default properties", which rank
        // below the platform defaults this test must override (e.g. spring.flyway.locations).
        String[] settings = {
                        "spring.application.name=" + name,
                        "plinth.log.format=text",
                        "spring.r2dbc.url=" + postgres.r2dbcUrl(database),
                        "spring.r2dbc.username=" + postgres.username(),
                        "spring.r2dbc.password=" + postgres.password(),
                        "spring.flyway.url=" + postgres.jdbcUrl(database),
                        "spring.flyway.user=" + postgres.username(),
                        "spring.flyway.password=" + postgres.password(),
                        "spring.flyway.locations=classpath:db/platform," + migrations,
                        "spring.kafka.bootstrap-servers=" + PlatformInfrastructure.kafka().bootstrapServers(),
                        "eureka.client.enabled=false",
                        "spring.cloud.discovery.enabled=false",
                        "spring.cloud.service-registry.auto-registration.enabled=false",
                        "plinth.outbox.poll-interval=100ms",
                        // Small batches so the two producer replicas' relays interleave on the same keys.
                        "plinth.outbox.batch-size=7",
                        "plinth.outbox.backoff-initial=200ms",
                        "plinth.outbox.backoff-max=1s",
                        "plinth.outbox.backlog-refresh=200ms",
                        "plinth.kafka.producer-delivery-timeout=5s",
                        "plinth.kafka.retry-initial-interval=100ms",
                        "plinth.kafka.retry-max-interval=300ms",
                        "plinth.kafka.retry-max-attempts=2"};
        return new SpringApplicationBuilder(app)
                .web(WebApplicationType.NONE)
                .run(Stream.concat(Arrays.stream(settings), Arrays.stream(extraSettings))
                        .map(setting -> "--" + setting).toArray(String[]::new));
    }

    @Test
    void everyEventArrivesExactlyOnceAcrossABrokerOutageAndRedelivery() {
        String run = "u" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<String> users = List.of(run + "a", run + "b", run + "c", run + "d", run + "e");
        KafkaBroker broker = PlatformInfrastructure.kafka();
        KafkaHealthIndicator kafkaHealth = producer.getBean(KafkaHealthIndicator.class);
        int perPhase = 20;

        // given: the stream is flowing
        grant(users, perPhase, 0);
        try {
            // when: the broker goes away mid-stream and the producer keeps committing state changes
            broker.stop();
            grant(users, perPhase, perPhase);

            // then: nothing is lost, it waits in the outbox; the kafka component sees the broker is gone, but
            // readiness and the status pushed to Eureka do not: the service keeps taking writes
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(backlogGauge()).isGreaterThanOrEqualTo(perPhase));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(gauge("plinth.outbox.oldest.age")).isGreaterThanOrEqualTo(1));
            assertThat(kafkaHealth.health().block(Duration.ofSeconds(10)).getStatus()).isEqualTo(Status.DOWN);
            assertThat(readiness(producer)).isEqualTo(Status.UP);
            assertThat(producer.getBean(HealthCheckHandler.class).getStatus(InstanceStatus.UP)).isEqualTo(InstanceStatus.UP);
        } finally {
            broker.start();
        }
        grant(users, perPhase, 2 * perPhase);
        int total = 3 * perPhase;

        // then: after the restart every event arrives, once, in per-user order, and the backlog drains
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(appliedCount(run)).isEqualTo(total));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(backlogGauge()).isZero());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(gauge("plinth.outbox.oldest.age")).isZero());
        assertThat(distinctAppliedCount(run)).isEqualTo(total);
        assertPerUserOrder(users, total / users.size());
        assertThat(kafkaHealth.health().block(Duration.ofSeconds(10)).getStatus()).isEqualTo(Status.UP);
        assertThat(producerDb.queryForObject(
                "select count(*) from outbox where key like ? and published_at is null", Integer.class, run + "%"))
                .isZero();

        // when: the same envelopes are delivered again (as after a relay crash between ack and commit)
        List<String> stored = producerDb.queryForList(
                "select event::text from outbox where key like ? order by id limit 15", String.class, run + "%");
        KafkaPublisher publisher = producer.getBean(KafkaPublisher.class);
        List<CompletableFuture<?>> resent = new ArrayList<>();
        for (String json : stored) {
            EventEnvelope envelope = EventJson.instance().fromJson(json);
            resent.add(publisher.send(envelope.topic(), envelope.subject(), json.getBytes(StandardCharsets.UTF_8)));
        }
        CompletableFuture.allOf(resent.toArray(CompletableFuture[]::new)).join();

        // then: the consumer has read past them, recognised each as a duplicate and applied none a second time
        awaitConsumerCaughtUp(Topics.CREDITS);
        assertThat(consumer.getBean(MeterRegistry.class).get("plinth.events.consumed")
                .tags("consumer", CONSUMER, "outcome", "duplicate").counter().count())
                .isGreaterThanOrEqualTo(stored.size());
        assertThat(appliedCount(run)).isEqualTo(total);
        assertThat(distinctAppliedCount(run)).isEqualTo(total);
        assertThat(consumerDb.queryForObject(
                "select count(*) from inbox where consumer = ? and event_id in (select event_id from applied where user_id like ?)",
                Integer.class, CONSUMER, run + "%")).isEqualTo(total);
    }

    private static Status readiness(ConfigurableApplicationContext context) {
        return context.getBean(HealthEndpoint.class).healthForPath("readiness").getStatus();
    }

    @Test
    void aRolledBackTransactionPublishesNothing() {
        String user = "rb-" + UUID.randomUUID();
        ProducerTestApp.Grants grants = producer.getBean(ProducerTestApp.Grants.class);
        AtomicReference<EventEnvelope> rolledBack = new AtomicReference<>();

        // when: the event is appended, then the caller's transaction fails
        assertThatThrownBy(() -> grants.grantThenFail(user, 7, rolledBack::set).block(Duration.ofSeconds(10)))
                .hasMessageContaining("business rule failed");
        // and a later transaction for the same key commits
        EventEnvelope committed = grants.grant(user, 5, "test").block(Duration.ofSeconds(10));

        // then: only the committed event reaches the consumer; the rolled-back one exists nowhere
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(appliedCount(user)).isEqualTo(1));
        assertThat(rolledBack.get()).isNotNull();
        assertThat(consumerDb.queryForList("select event_id from applied where user_id = ?", String.class, user))
                .containsExactly(committed.id());
        assertThat(producerDb.queryForObject(
                "select count(*) from outbox where event_id = ?::uuid", Integer.class, rolledBack.get().id())).isZero();
        assertThat(producerDb.queryForObject("select count(*) from grants where user_id = ?", Integer.class, user))
                .isEqualTo(1);
        assertThat(committed.dataAs(CreditsGranted.class).balance()).isEqualTo(5);
        assertThat(committed.source()).isEqualTo("plinth/flow-producer");
    }

    @Test
    void appendingOutsideATransactionIsRefused() {
        Outbox outbox = producer.getBean(Outbox.class);
        EventEnvelope event = EventEnvelope.of("plinth/test", "nobody", null,
                new CreditsGranted("nobody", "t", 1, 1, "test"));

        assertThatThrownBy(() -> outbox.append(event).block(Duration.ofSeconds(10)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inside the transaction");
        assertThat(producerDb.queryForObject(
                "select count(*) from outbox where event_id = ?::uuid", Integer.class, event.id())).isZero();
    }

    @Test
    void anEventThatKeepsFailingGoesToTheDeadLetterTopicAndTheStreamMovesOn() {
        String user = "dlt-" + UUID.randomUUID();
        ProducerTestApp.Grants grants = producer.getBean(ProducerTestApp.Grants.class);

        // when: a poison event is followed by a healthy one for the same key
        EventEnvelope poison = grants.grant(user, 3, "poison").block(Duration.ofSeconds(10));
        EventEnvelope healthy = grants.grant(user, 4, "test").block(Duration.ofSeconds(10));

        // then: the healthy one is applied after the poison one was given up on
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(consumerDb.queryForList(
                "select event_id from applied where user_id = ?", String.class, user)).containsExactly(healthy.id()));
        // and the poison one sits on plinth.credits.v1.dlt, its failed writes and inbox row rolled back
        assertThat(readDeadLetters(Topics.deadLetter(Topics.CREDITS), user)).contains(poison.id());
        assertThat(deadLettered()).isGreaterThanOrEqualTo(1.0);
        assertThat(consumerDb.queryForObject(
                "select count(*) from inbox where event_id = ?", Integer.class, poison.id())).isZero();
    }

    @Test
    void anInfrastructureFailureIsRetriedPastTheRetryLimitAndNeverDeadLettered() {
        String user = "flaky-" + UUID.randomUUID();
        ProducerTestApp.Grants grants = producer.getBean(ProducerTestApp.Grants.class);
        ConsumerTestApp.Attempts attempts = consumer.getBean(ConsumerTestApp.Attempts.class);

        double deadLetteredBefore = deadLettered();

        // when: the consumer's database is "unreachable" for more attempts than plinth.kafka.retry-max-attempts (2)
        EventEnvelope flaky = grants.grant(user, 9, "flaky").block(Duration.ofSeconds(10));

        // then: it is applied once, after the outage, and was not parked on the dead-letter topic
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(consumerDb.queryForList(
                "select event_id from applied where user_id = ?", String.class, user)).containsExactly(flaky.id()));
        assertThat(attempts.of(flaky.id())).isEqualTo(6);
        assertThat(deadLettered()).isEqualTo(deadLetteredBefore);
    }

    private static double deadLettered() {
        return consumer.getBean(MeterRegistry.class).find("plinth.events.dead-lettered")
                .tags("consumer", CONSUMER).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void anEventTypeWithoutAHandlerIsAcknowledgedAndIgnored() {
        TransactionalOperator tx = producer.getBean(TransactionalOperator.class);
        Outbox outbox = producer.getBean(Outbox.class);
        String user = "low-" + UUID.randomUUID();
        double ignoredBefore = consumedWithOutcome("credits.low", "ignored");

        tx.transactional(outbox.append(EventEnvelope.of("plinth/test", user, null, new CreditsLow(user, 1, 10))))
                .block(Duration.ofSeconds(10));

        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(consumedWithOutcome("credits.low", "ignored")).isEqualTo(ignoredBefore + 1));
        assertThat(consumerDb.queryForObject("select count(*) from applied where user_id = ?", Integer.class, user))
                .isZero();
    }

    @Test
    void aRecordThatIsNotAnEnvelopeIsDeadLettered() {
        String key = "garbage-" + UUID.randomUUID();
        byte[] garbage = "{\"this is\": \"not an envelope\"}".getBytes(StandardCharsets.UTF_8);

        producer.getBean(KafkaPublisher.class).send(Topics.CREDITS, key, garbage).join();

        assertThat(readDeadLetterValues(Topics.deadLetter(Topics.CREDITS), key)).containsExactly(new String(garbage, StandardCharsets.UTF_8));
    }

    private static double consumedWithOutcome(String type, String outcome) {
        var counter = consumer.getBean(MeterRegistry.class).find("plinth.events.consumed")
                .tags("consumer", CONSUMER, "type", type, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void publishedRowsArePrunedAfterTheRetentionPeriodAndNothingElse() {
        String oldRow = UUID.randomUUID().toString();
        String recentRow = UUID.randomUUID().toString();
        String sql = "insert into outbox (event_id, topic, key, event, created_at, published_at, attempts) "
                + "values (?::uuid, 'plinth.credits.v1', 'prune-test', '{}'::jsonb, now() - ?::interval, now() - ?::interval, 1)";
        producerDb.update(sql, oldRow, "8 days", "8 days");
        producerDb.update(sql, recentRow, "1 hour", "1 hour");

        Long deleted = producer.getBean(OutboxRelay.class).prune().block(Duration.ofSeconds(30));

        assertThat(deleted).isGreaterThanOrEqualTo(1L);
        assertThat(producerDb.queryForList("select event_id::text from outbox where key = 'prune-test'", String.class))
                .containsExactly(recentRow);
    }

    @Test
    void inboxRowsArePrunedAfterTheRetentionPeriodAndRecentOnesStillDedupe() {
        String consumerName = "prune-test-" + UUID.randomUUID();
        String sql = "insert into inbox (consumer, event_id, event_type, processed_at) values (?, ?, 'credits.granted', now() - ?::interval)";
        consumerDb.update(sql, consumerName, "old-event", "31 days");
        consumerDb.update(sql, consumerName, "recent-event", "6 days");

        Long deleted = consumer.getBean(Inbox.class).prune(Duration.ofDays(30)).block(Duration.ofSeconds(30));

        assertThat(deleted).isGreaterThanOrEqualTo(1L);
        assertThat(consumerDb.queryForList("select event_id from inbox where consumer = ?", String.class, consumerName))
                .containsExactly("recent-event");
        assertThat(consumer.getBean(Inbox.class).contains(consumerName, "recent-event").block(Duration.ofSeconds(10)))
                .isTrue();
    }

    @Test
    void twoRelayReplicasShareOneOutboxWithoutLosingOrReorderingAKey() {
        String run = "r" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<String> users = List.of(run + "a", run + "b", run + "c");
        int total = 90;

        // when: both replicas write, and both relays publish from the same table
        Flux.range(0, total)
                .concatMap(i -> (i % 2 == 0 ? producer : producerReplica).getBean(ProducerTestApp.Grants.class)
                        .grant(users.get(i % users.size()), i + 1, "test"))
                .then()
                .block(Duration.ofSeconds(60));

        // then: every event arrives once and each user's events arrive in the order they were committed
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(appliedCount(run)).isEqualTo(total));
        assertThat(distinctAppliedCount(run)).isEqualTo(total);
        assertPerUserOrder(users, total / users.size());
        log.info("Rows published by relay 1: {}, by relay 2: {} (cumulative over this class)",
                publishedBy(producer), publishedBy(producerReplica));
    }

    @Test
    void aKeyWhoseOlderRowAnotherReplicaHoldsWaitsWhileOtherKeysGoOn() throws Exception {
        // given: a replica without a background relay, so this test decides when rounds run
        String database = PlatformInfrastructure.newDatabase("flow_relay_order");
        try (ConfigurableApplicationContext quiet = start(ProducerTestApp.class, "flow-producer-quiet", database,
                "classpath:db/producer", "plinth.outbox.relay-enabled=false");
             Connection otherReplica = PlatformInfrastructure.postgres().dataSource(database).getConnection()) {
            OutboxRelay relay = new OutboxRelay(quiet.getBean(DatabaseClient.class),
                    TransactionalOperator.create(quiet.getBean(ReactiveTransactionManager.class)),
                    quiet.getBean(KafkaPublisher.class), quiet.getBean(OutboxProperties.class),
                    Duration.ofSeconds(5), new SimpleMeterRegistry());
            ProducerTestApp.Grants grants = quiet.getBean(ProducerTestApp.Grants.class);
            String run = "o" + UUID.randomUUID().toString().substring(0, 8) + "-";
            for (String user : List.of("held", "free", "held", "free", "held")) {
                grants.grant(run + user, 1, "test").block(Duration.ofSeconds(30));
            }
            JdbcTemplate db = new JdbcTemplate(PlatformInfrastructure.postgres().dataSource(database));
            // another replica is publishing the held user's oldest row and has not committed yet
            otherReplica.setAutoCommit(false);
            try (var lock = otherReplica.prepareStatement(
                    "select id from outbox where key = ? order by id limit 1 for update")) {
                lock.setString(1, run + "held");
                lock.executeQuery().close();
            }

            // when: a round runs meanwhile
            OutboxRelay.RoundResult whileHeld = relay.relayOnce().block(Duration.ofSeconds(30));

            // then: the free user's rows went out, none of the held user's newer rows did
            assertThat(whileHeld.published()).isEqualTo(2);
            assertThat(unpublished(db, run + "free")).isZero();
            assertThat(unpublished(db, run + "held")).isEqualTo(3);

            // and once the other replica lets go, the held user's rows all go out, oldest first
            otherReplica.rollback();
            OutboxRelay.RoundResult after = relay.relayOnce().block(Duration.ofSeconds(30));
            assertThat(after.published()).isEqualTo(3);
            assertThat(unpublished(db, run + "held")).isZero();
        }
    }

    private static int unpublished(JdbcTemplate db, String key) {
        return db.queryForObject("select count(*) from outbox where key = ? and published_at is null", Integer.class, key);
    }

    private static double publishedBy(ConfigurableApplicationContext context) {
        return context.getBean(MeterRegistry.class).get("plinth.outbox.published").counter().count();
    }

    // --- helpers ------------------------------------------------------------------------------

    private static void grant(List<String> users, int count, int offset) {
        ProducerTestApp.Grants grants = producer.getBean(ProducerTestApp.Grants.class);
        Flux.range(offset, count)
                .concatMap(i -> grants.grant(users.get(i % users.size()), i + 1, "test"))
                .then()
                .block(Duration.ofSeconds(60));
    }

    private static double backlogGauge() {
        return gauge("plinth.outbox.backlog");
    }

    private static double gauge(String name) {
        return producer.getBean(MeterRegistry.class).get(name).gauge().value();
    }

    private static int appliedCount(String userPrefix) {
        return consumerDb.queryForObject(
                "select count(*) from applied where user_id like ?", Integer.class, userPrefix + "%");
    }

    private static int distinctAppliedCount(String userPrefix) {
        return consumerDb.queryForObject(
                "select count(distinct event_id) from applied where user_id like ?", Integer.class, userPrefix + "%");
    }

    /** Each user's balances were applied in the order they were produced (the key's order survived the outage). */
    private static void assertPerUserOrder(List<String> users, int perUser) {
        for (String user : users) {
            List<Long> applied = consumerDb.queryForList(
                    "select balance from applied where user_id = ? order by seq", Long.class, user);
            List<Long> produced = producerDb.queryForList(
                    "select balance from grants where user_id = ? order by id", Long.class, user);
            assertThat(applied).hasSize(perUser).isEqualTo(produced);
        }
    }

    private static void awaitConsumerCaughtUp(String topic) {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, PlatformInfrastructure.kafka().bootstrapServers());
        try (AdminClient admin = AdminClient.create(config)) {
            await().atMost(PATIENCE).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(CONSUMER).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().stream().filter(tp -> tp.topic().equals(topic))
                        .forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                assertThat(latest).isNotEmpty();
                var ends = admin.listOffsets(latest).all().get();
                for (TopicPartition partition : latest.keySet()) {
                    assertThat(committed.get(partition).offset())
                            .as("committed offset of %s", partition)
                            .isEqualTo(ends.get(partition).offset());
                }
            });
        }
    }

    private static List<String> readDeadLetters(String topic, String key) {
        return readDeadLetterValues(topic, key).stream().map(json -> EventJson.instance().fromJson(json).id()).toList();
    }

    private static List<String> readDeadLetterValues(String topic, String key) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, PlatformInfrastructure.kafka().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<String> ids = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(config)) {
            reader.subscribe(List.of(topic));
            await().atMost(PATIENCE).until(() -> {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        ids.add(new String(record.value(), StandardCharsets.UTF_8));
                    }
                }
                return !ids.isEmpty();
            });
        }
        return ids;
    }
}
