package io.plinth.e2e;

import static io.plinth.e2e.Gateway.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.plinth.devstack.ComponentStatus;
import io.plinth.devstack.Components;
import io.plinth.devstack.Devstack;
import io.plinth.e2e.Gateway.User;
import io.plinth.e2e.TopicReader.Event;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A broker outage delays events; it never takes the API down. Readiness is each service's database,
 * so while Kafka is stopped every service stays routed, writes wait in the outboxes, and once Kafka
 * is back every event is published once and applied once.
 */
@ExtendWith(RunningPlatform.class)
class KafkaOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final int GRANTED = 40;
    private static final int STARTING_CREDITS = 3;

    @Test
    void theApiServesThroughAKafkaOutageAndEveryEventArrivesOnceAfterIt() throws Exception {
        Devstack platform = RunningPlatform.devstack();
        Gateway api = new Gateway(RunningPlatform.gateway());

        // given: a user from before the outage, with its wallet and credits to spend during it
        User spender = api.registerNewUser();
        String spenderToken = api.token(spender.email(), PASSWORD);
        await("the spender's wallet opened from user.registered").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(balanceOf(api, spenderToken)).isEqualTo(STARTING_CREDITS));
        String admin = api.token(platform.settings().adminEmail(), platform.settings().adminPassword());
        HttpResponse<String> granted = api.grant(admin, spender.id(), "e2e-kafka-outage-" + UUID.randomUUID(), GRANTED);
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);

        List<User> registeredDuringOutage = new ArrayList<>();
        List<String> consumedDuringOutage = new ArrayList<>();
        platform.stop(Components.KAFKA);
        try {
            // when: for 30 s clients register, log in, read balances and spend through the gateway
            Instant stopped = Instant.now();
            await("30 s of traffic without Kafka").atMost(OUTAGE.plus(Duration.ofMinutes(2)))
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(3))
                    .until(() -> {
                        User user = api.registerNewUser();
                        registeredDuringOutage.add(user);
                        String token = api.token(user.email(), PASSWORD);
                        // No wallet yet (user.registered waits in auth-service's outbox): an empty balance, not an error.
                        assertThat(balanceOf(api, token)).isZero();
                        String key = "e2e-kafka-outage-" + UUID.randomUUID();
                        HttpResponse<String> consumed = api.consume(spenderToken, key, 1);
                        assertThat(consumed.statusCode()).as(consumed.body()).isEqualTo(200);
                        consumedDuringOutage.add(key);
                        assertThat(balanceOf(api, spenderToken))
                                .isEqualTo(STARTING_CREDITS + GRANTED - consumedDuringOutage.size());
                        return Duration.between(stopped, Instant.now()).compareTo(OUTAGE) >= 0;
                    });

            // then: the events wait in the outboxes, and ./plinth status shows it while the services stay UP
            await("the outbox backlogs grow while Kafka is away").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        List<ComponentStatus> status = platform.status();
                        ComponentStatus auth = service(status, Components.AUTH);
                        ComponentStatus credit = service(status, Components.CREDIT);
                        assertThat(auth.healthy()).isTrue();
                        assertThat(credit.healthy()).isTrue();
                        assertThat(auth.events().kafka()).isEqualTo("DOWN");
                        assertThat(auth.events().outboxBacklog()).isGreaterThanOrEqualTo(registeredDuringOutage.size());
                        assertThat(auth.events().oldestUnpublishedSeconds()).isGreaterThanOrEqualTo(OUTAGE.toSeconds() / 2);
                        assertThat(credit.events().outboxBacklog()).isGreaterThanOrEqualTo(consumedDuringOutage.size());
                    });


            // and: platform admins read the same backlog through the gateway, and the console's Overview shows it
            await("auth-service reports its backlog through the gateway").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        HttpResponse<String> outbox = api.outbox(admin, Components.AUTH);
                        assertThat(outbox.statusCode()).as(outbox.body()).isEqualTo(200);
                        assertThat(((Number) JsonPath.read(outbox.body(), "$.unpublished")).longValue())
                                .isGreaterThanOrEqualTo(registeredDuringOutage.size());
                        assertThat(((Number) JsonPath.read(outbox.body(), "$.oldestAgeSeconds")).longValue())
                                .isGreaterThanOrEqualTo(OUTAGE.toSeconds() / 2);
                    });
            try (ConsolePages console = new ConsolePages(RunningPlatform.gateway())) {
                HtmlPage overview = console.signIn(platform.settings().adminEmail(), platform.settings().adminPassword());
                HtmlElement auth = overview.querySelector("tr[data-service='auth-service'] td.outbox");
                assertThat(auth).as(overview.asNormalizedText()).isNotNull();
                assertThat(Long.parseLong(auth.getAttribute("data-unpublished")))
                        .isGreaterThanOrEqualTo(registeredDuringOutage.size());
                assertThat(auth.getTextContent().trim()).matches("\\d+ \\(oldest .+\\)");
            }
        } finally {
            platform.start(Components.KAFKA);
        }

        // then: the users registered during the outage get their starting credits, once
        await("starting credits for the users registered during the outage").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    for (User user : registeredDuringOutage) {
                        assertThat(balanceOf(api, api.token(user.email(), PASSWORD))).as(user.email())
                                .isEqualTo(STARTING_CREDITS);
                    }
                });
        await("every outbox drained").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(platform.status().stream()
                        .filter(row -> Components.SERVICES.contains(row.name()))
                        .collect(Collectors.toMap(ComponentStatus::name, row -> row.events().outboxBacklog())))
                        .as("outbox backlog per service").allSatisfy((name, backlog) -> assertThat(backlog).isZero()));

        HttpResponse<String> drained = api.outbox(admin, Components.AUTH);
        assertThat(drained.statusCode()).as(drained.body()).isEqualTo(200);
        assertThat(((Number) JsonPath.read(drained.body(), "$.unpublished")).longValue()).isZero();

        // and: each event was published once and applied once
        String kafka = "localhost:" + platform.port(Components.KAFKA);
        List<String> userIds = registeredDuringOutage.stream().map(User::id).toList();
        assertThat(count(TopicReader.readAll(kafka, "plinth.users.v1"), "user.registered", userIds))
                .as("user.registered events per user registered during the outage")
                .containsOnlyKeys(userIds)
                .allSatisfy((user, times) -> assertThat(times).isEqualTo(1L));
        assertThat(count(TopicReader.readAll(kafka, "plinth.credits.v1"), "credits.consumed", List.of(spender.id())))
                .containsEntry(spender.id(), (long) consumedDuringOutage.size());
        for (User user : registeredDuringOutage) {
            HttpResponse<String> history = api.transactions(api.token(user.email(), PASSWORD));
            assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
            List<String> types = JsonPath.read(history.body(), "$.items[*].type");
            assertThat(types).as(user.email()).containsExactly("starting_grant");
        }
        assertThat(balanceOf(api, spenderToken)).isEqualTo(STARTING_CREDITS + GRANTED - consumedDuringOutage.size());
    }

    private static int balanceOf(Gateway api, String token) {
        HttpResponse<String> balance = api.balance(token);
        assertThat(balance.statusCode()).as(balance.body()).isEqualTo(200);
        return JsonPath.read(balance.body(), "$.balance");
    }

    private static ComponentStatus service(List<ComponentStatus> status, String name) {
        return status.stream().filter(row -> row.name().equals(name)).findFirst().orElseThrow();
    }

    private static java.util.Map<String, Long> count(List<Event> events, String type, List<String> subjects) {
        return events.stream()
                .filter(event -> event.type().equals(type) && subjects.contains(event.subject()))
                .collect(Collectors.groupingBy(Event::subject, Collectors.counting()));
    }
}
