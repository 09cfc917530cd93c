package io.plinth.client;

import static io.plinth.client.Fixtures.BALANCE;
import static io.plinth.client.Fixtures.BALANCE_OK;
import static io.plinth.client.Fixtures.CONSUME;
import static io.plinth.client.Fixtures.CONSUMED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plinth.client.GatewayStub.Answer;
import io.plinth.client.GatewayStub.Received;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RetryTest extends SignedInTest {

    @Test
    void aSpendWhoseResponseWasLostIsSentAgainWithTheSameIdempotencyKey() {
        stub.on(CONSUME, Answer.dropped(), Answer.dropped(), Answer.json(200, CONSUMED));

        Consumption spent = ada.consume(1, "notes-export");

        assertThat(spent).isEqualTo(new Consumption("consume:1", 4));
        List<String> keys = stub.requests(CONSUME).stream().map(r -> r.header("Idempotency-Key")).toList();
        assertThat(keys).hasSize(3).doesNotContainNull();
        assertThat(keys).containsOnly(keys.get(0));
        assertThat(UUID.fromString(keys.get(0))).isNotNull();
        assertThat(stub.requests(CONSUME)).extracting(Received::body).containsOnly(stub.requests(CONSUME).get(0).body());
    }

    @Test
    void eachLogicalSpendGetsItsOwnKeyAndACallersKeyIsSentAsItIs() {
        stub.on(CONSUME, Answer.json(200, CONSUMED));

        ada.consume(1, "notes-export");
        ada.consume(1, "notes-export");
        ada.consume(1, "notes-export", null, null, "order-42");

        List<String> keys = stub.requests(CONSUME).stream().map(r -> r.header("Idempotency-Key")).toList();
        assertThat(keys).hasSize(3).doesNotHaveDuplicates().endsWith("order-42");
    }

    @Test
    void a503IsRetriedAfterTheRetryAfterTheGatewayAsked() {
        stub.on(BALANCE, Answer.problem(503, "service_unavailable", "down").withHeader("Retry-After", "1"),
                Answer.json(200, BALANCE_OK));

        Balance balance = ada.balance();

        assertThat(balance.available()).isEqualTo(5);
        List<Received> calls = stub.requests(BALANCE);
        assertThat(calls).hasSize(2);
        assertThat(Duration.ofNanos(calls.get(1).atNanos() - calls.get(0).atNanos())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void aRetryAfterLongerThanTheClientWaitsFailsAtOnceAndSaysHowLong() {
        stub.on(BALANCE, Answer.problem(503, "service_unavailable", "down").withHeader("Retry-After", "120"));

        assertThatThrownBy(() -> ada.balance())
                .isInstanceOfSatisfying(PlinthUnavailableException.class, e -> {
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
                    assertThat(e.requestId()).contains("req-service_unavailable");
                    assertThat(e.status()).isEqualTo(503);
                });
        assertThat(stub.requests(BALANCE)).hasSize(1);
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastAnswersRequestId() {
        stub.on(BALANCE, Answer.problem(503, "service_unavailable", "down"));

        assertThatThrownBy(() -> ada.balance()).isInstanceOf(PlinthUnavailableException.class)
                .hasMessageContaining("req-service_unavailable");
        assertThat(stub.requests(BALANCE)).hasSize(4);
    }

    @Test
    void anUnreachablePlatformIsPlinthUnavailableAfterTheAttempts() throws Exception {
        String deadUrl;
        try (GatewayStub closed = new GatewayStub()) {
            deadUrl = closed.baseUrl();
        }
        PlinthClient client = PlinthClient.builder().baseUrl(deadUrl).maxAttempts(2)
                .initialBackoff(Duration.ofMillis(5)).build();

        assertThatThrownBy(() -> client.login("ada@example.com", "pw"))
                .isInstanceOfSatisfying(PlinthUnavailableException.class, e -> {
                    assertThat(e.code()).isEqualTo("unreachable");
                    assertThat(e.status()).isZero();
                    assertThat(e.requestId()).isEmpty();
                });
    }

    @Test
    void rateLimitsAndKeysStillInUseAreRetriedWithTheSameKey() {
        stub.on(CONSUME, Answer.problem(429, "rate_limited", "slow down").withHeader("Retry-After", "0"),
                Answer.problem(409, "idempotency_key_in_use", "busy").withHeader("Retry-After", "0"),
                Answer.json(200, CONSUMED));

        ada.consume(1, "notes-export");

        assertThat(stub.requests(CONSUME)).hasSize(3)
                .extracting(r -> r.header("Idempotency-Key")).containsOnly(stub.requests(CONSUME).get(0).header("Idempotency-Key"));
    }

    @Test
    void aDailyLimitIsNotRetried() {
        stub.on(CONSUME, Answer.problem(429, "daily_limit_reached", "limit").withHeader("Retry-After", "3600"));

        assertThatThrownBy(() -> ada.consume(1, "video-generation"))
                .isInstanceOfSatisfying(DailyLimitReachedException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofHours(1)));
        assertThat(stub.requests(CONSUME)).hasSize(1);
    }

    @Test
    void registeringIsNotSentAgainAfterAnAnswerThatMayFollowTheWork() {
        stub.on("/api/v1/auth/register", Answer.problem(503, "service_unavailable", "timeout"));

        assertThatThrownBy(() -> Fixtures.client(stub).build().register("new@example.com", "long enough password"))
                .isInstanceOf(PlinthUnavailableException.class);
        assertThat(stub.requests("/api/v1/auth/register")).hasSize(1);
    }

    @Test
    void asyncCallsRetryToo() {
        stub.on(BALANCE, Answer.dropped(), Answer.json(200, BALANCE_OK));

        assertThat(ada.balanceAsync().join().balance()).isEqualTo(7);
        assertThat(stub.requests(BALANCE)).hasSize(2);
    }
}
