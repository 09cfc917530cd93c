package io.plinth.credit.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.plinth.credit.CreditServiceApplication;
import io.plinth.credit.support.IntegrationTestBase;
import io.plinth.test.security.TestTokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** No overdraft under any concurrency: the conditional UPDATE decides every race. */
class ConsumeConcurrencyIT extends IntegrationTestBase {

    private static final int REQUESTS = 200;
    private static final long FUNDS = 100;
    private static final long COST = 3;

    @Test
    void consumeNeverOverdraftsUnderConcurrency() {
        String user = newUser();
        grant(user, FUNDS);

        Map<Integer, Long> statuses = fire(user, List.of(port));

        assertExactlyTheAffordableConsumesSucceeded(user, statuses);
    }

    @Test
    void consumeNeverOverdraftsWithTwoServiceInstancesOnOneDatabase() {
        String user = newUser();
        grant(user, FUNDS);
        try (ConfigurableApplicationContext second = startSecondInstance()) {
            int secondPort = second.getEnvironment().getRequiredProperty("local.server.port", Integer.class);

            Map<Integer, Long> statuses = fire(user, List.of(port, secondPort));

            assertExactlyTheAffordableConsumesSucceeded(user, statuses);
        }
    }

    private void assertExactlyTheAffordableConsumesSucceeded(String user, Map<Integer, Long> statuses) {
        long affordable = FUNDS / COST;
        assertThat(statuses).containsOnlyKeys(200, 402);
        assertThat(statuses.get(200)).isEqualTo(affordable);
        assertThat(statuses.get(402)).isEqualTo(REQUESTS - affordable);
        WalletQueries.Balance after = balance(user);
        assertThat(after.balance()).isEqualTo(FUNDS - affordable * COST).isNotNegative();
        // Every transfer records the balance right after it: none of them ever went below zero.
        assertThat(queryLong("SELECT min(wallet_balance) FROM transfer WHERE user_id = ?", user)).isNotNegative();
        assertThat(queryLong("SELECT count(*) FROM transfer WHERE user_id = ? AND kind = 'CONSUME'", user))
                .isEqualTo(affordable);
        assertThat(queryLong("SELECT coalesce(sum(CASE WHEN credit_account_id = wallet_id THEN amount ELSE -amount END), 0) "
                + "FROM transfer WHERE user_id = ?", user)).isEqualTo(after.balance());
    }

    /** All requests at once, spread round-robin over the given instances; returns count per status. */
    private Map<Integer, Long> fire(String user, List<Integer> ports) {
        String token = tokenFor(user);
        ConnectionProvider connections = ConnectionProvider.builder("concurrency-it")
                .maxConnections(REQUESTS).pendingAcquireMaxCount(-1).build();
        try {
            WebClient client = WebClient.builder()
                    .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections))).build();
            Map<Integer, Long> statuses = new HashMap<>();
            Flux.range(0, REQUESTS)
                    .flatMap(i -> client.post()
                            .uri("http://localhost:" + ports.get(i % ports.size()) + "/api/v1/credits/consume")
                            .header("Authorization", "Bearer " + token)
                            .header("Idempotency-Key", UUID.randomUUID().toString())
                            .bodyValue(Map.of("credits", COST, "service", "translation"))
                            .exchangeToMono(response -> response.releaseBody()
                                    .thenReturn(response.statusCode().value())), REQUESTS)
                    .collectList()
                    .block()
                    .forEach(status -> statuses.merge(status, 1L, Long::sum));
            return statuses;
        } finally {
            connections.dispose();
        }
    }

    private ConfigurableApplicationContext startSecondInstance() {
        Map<String, Object> props = new HashMap<>();
        for (String key : List.of("spring.r2dbc.url", "spring.r2dbc.username", "spring.r2dbc.password",
                "spring.flyway.url", "spring.flyway.user", "spring.flyway.password",
                "spring.kafka.bootstrap-servers")) {
            props.put(key, environment.getRequiredProperty(key));
        }
        props.put("plinth.security.jwks-uri", TestTokens.jwksUri());
        props.put("server.port", 0);
        props.put("eureka.client.enabled", false);
        props.put("spring.cloud.discovery.enabled", false);
        props.put("spring.cloud.service-registry.auto-registration.enabled", false);
        props.put("plinth.credits.sweep-interval", "PT1H");
        props.put("plinth.credits.invariant-check-initial-delay", "PT1H");
        props.put("plinth.log.format", "text");
        // As command-line arguments: they must win over application.yml, as the test's own properties do.
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(CreditServiceApplication.class).run(args);
    }
}
