package io.plinth.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import io.plinth.events.EventEnvelope;
import io.plinth.events.EventJson;
import io.plinth.events.Topics;
import io.plinth.events.user.MailTokenSeal;
import io.plinth.events.user.UserEmailVerificationRequested;
import io.plinth.events.user.UserPasswordResetRequested;
import io.plinth.test.MutableClock;
import io.plinth.test.RealInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.awaitility.Awaitility.await;

/**
 * One Spring context for every auth-service IT: real PostgreSQL and Kafka, a clock tests can move, and
 * cheap Argon2 parameters (the behaviour is under test here, not the cost; the cost is measured apart).
 * Each test uses fresh emails and client addresses, so tests never see each other's rows or locks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "plinth.admin.email=" + AuthServiceITSupport.ADMIN_EMAIL,
        "plinth.admin.password=" + AuthServiceITSupport.ADMIN_PASSWORD,
        "plinth.auth.argon2.memory-kib=1024",
        "plinth.auth.argon2.iterations=1",
        "plinth.auth.lockout.address-threshold=8",
        "plinth.auth.lockout.account-ceiling=12",
        "plinth.auth.allow-development-key=true",
        "plinth.auth.mail-token-key=" + AuthServiceITSupport.MAIL_TOKEN_KEY,
        "plinth.auth.key-check-interval=PT1H"
})
@RealInfrastructure
@Import(AuthServiceITSupport.TestClock.class)
public abstract class AuthServiceITSupport {

    public static final String ADMIN_EMAIL = "root-admin@plinth.test";
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    public static final String PASSWORD = "a perfectly fine passphrase";
    /** The mailer's key in these tests (not the development key, to show the configured one is used). */
    public static final String MAIL_TOKEN_KEY = "vVeDkLVlfoWxsgSK6QRI21d7MLjJ0POPTir4P5pgLRc=";
    /** Where the gateway puts the client address it decided on (auth-service keys its throttling on it). */
    public static final String CLIENT_ADDRESS_HEADER = "X-Plinth-Client-Address";

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock();
        }
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    private static KafkaConsumer<String, String> consumer;
    private static final List<EventEnvelope> SEEN = new ArrayList<>();

    protected WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    protected static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    /** A client address of its own, so one test's failures never lock another test out. */
    protected static String uniqueAddress() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    protected String register(String email) {
        return register(email, null);
    }

    @SuppressWarnings("unchecked")
    protected String register(String email, String tenantId) {
        Map<String, Object> body = tenantId == null
                ? Map.of("email", email, "password", PASSWORD)
                : Map.of("email", email, "password", PASSWORD, "tenantId", tenantId);
        Map<String, Object> created = client().post().uri("/api/v1/auth/register")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (String) created.get("userId");
    }

    protected WebTestClient.ResponseSpec loginAttempt(String email, String password, String address) {
        return client().post().uri("/api/v1/auth/login")
                .header(CLIENT_ADDRESS_HEADER, address)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password))
                .exchange();
    }

    @SuppressWarnings("unchecked")
    protected Map<String, Object> login(String email, String password) {
        return loginAttempt(email, password, uniqueAddress())
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    protected String accessToken(String email) {
        return (String) login(email, PASSWORD).get("accessToken");
    }

    protected String adminToken() {
        return (String) login(ADMIN_EMAIL, ADMIN_PASSWORD).get("accessToken");
    }

    /** Waits until the events on plinth.users.v1 that match are there, and returns every one seen so far. */
    protected List<EventEnvelope> awaitUserEvents(Predicate<EventEnvelope> match, int atLeast) {
        KafkaConsumer<String, String> c = consumer();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (ConsumerRecord<String, String> record : c.poll(Duration.ofMillis(200))) {
                SEEN.add(EventJson.instance().fromJson(record.value()));
            }
            return SEEN.stream().filter(match).count() >= atLeast;
        });
        return SEEN.stream().filter(match).toList();
    }

    /** What the mailer does: opens the sealed verification token with the mail-token key. */
    protected static String verificationToken(EventEnvelope event) {
        return MailTokenSeal.fromBase64(MAIL_TOKEN_KEY).open(
                event.dataAs(UserEmailVerificationRequested.class).sealedToken(), event.type(), event.subject());
    }

    /** What the mailer does: opens the sealed password-reset token with the mail-token key. */
    protected static String resetToken(EventEnvelope event) {
        return MailTokenSeal.fromBase64(MAIL_TOKEN_KEY).open(
                event.dataAs(UserPasswordResetRequested.class).sealedToken(), event.type(), event.subject());
    }

    /** Drains what the broker has now (used to show that nothing more arrives). */
    protected List<EventEnvelope> drainUserEvents(Predicate<EventEnvelope> match) {
        KafkaConsumer<String, String> c = consumer();
        for (int i = 0; i < 5; i++) {
            for (ConsumerRecord<String, String> record : c.poll(Duration.ofMillis(200))) {
                SEEN.add(EventJson.instance().fromJson(record.value()));
            }
        }
        return SEEN.stream().filter(match).toList();
    }

    private KafkaConsumer<String, String> consumer() {
        if (consumer == null) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(ConsumerConfig.GROUP_ID_CONFIG, "auth-it-" + UUID.randomUUID());
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            consumer = new KafkaConsumer<>(p);
            consumer.subscribe(List.of(Topics.USERS));
        }
        return consumer;
    }
}
