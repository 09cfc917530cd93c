package io.plinth.client;

import static io.plinth.client.Fixtures.CROSS_AUTH;
import static io.plinth.client.Fixtures.CROSS_CHECK;
import static io.plinth.client.Fixtures.CROSS_CONSUME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plinth.client.GatewayStub.Answer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CrossAppTest {

    private static final String CONSUMED = "{\"newBalance\":40,\"transactionId\":\"app-consume:1\"}";

    private GatewayStub stub;
    private PlinthClient partner;

    @BeforeEach
    void start() throws Exception {
        stub = new GatewayStub();
        partner = Fixtures.client(stub).appId("app-1").apiKey("pk_secret").build();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void signsInWithTheApiKeyAndSpendsWithTheSessionToken() {
        stub.on(CROSS_AUTH, Fixtures.appSession("session-1", 900));
        stub.on(CROSS_CHECK, Answer.json(200, "{\"currentBalance\":45,\"hasSufficientCredits\":true}"));
        stub.on(CROSS_CONSUME, Answer.json(200, CONSUMED));

        AppSession ada = partner.signInUser("ada@example.com", "correct horse battery");
        boolean affordable = ada.canAfford(5);
        Consumption spent = ada.consume(5, "quiz-hints", "five hints", Map.of("quizId", "q-17"));

        assertThat(ada.user().userId()).isEqualTo("u-1");
        assertThat(ada.permissions()).containsExactly("read_credits", "consume_credits");
        assertThat(affordable).isTrue();
        assertThat(spent).isEqualTo(new Consumption("app-consume:1", 40));
        assertThat(stub.requests(CROSS_AUTH)).singleElement().satisfies(r -> {
            assertThat(r.header("X-API-Key")).isEqualTo("pk_secret");
            assertThat(r.body()).contains("\"appId\":\"app-1\"", "\"email\":\"ada@example.com\"");
        });
        assertThat(stub.requests(CROSS_CHECK)).singleElement().satisfies(r -> {
            assertThat(r.body()).contains("\"sessionToken\":\"session-1\"", "\"requiredCredits\":5");
            assertThat(r.header("X-API-Key")).isNull();
        });
        assertThat(stub.requests(CROSS_CONSUME)).singleElement().satisfies(r -> {
            assertThat(r.body()).contains("\"credits\":5", "\"service\":\"quiz-hints\"", "\"quizId\":\"q-17\"");
            assertThat(r.header("Idempotency-Key")).isNotBlank();
        });
    }

    @Test
    void anExpiredSessionIsRenewedBySigningInAgainAndTheSpendGetsANewKey() {
        stub.on(CROSS_AUTH, Fixtures.appSession("session-1", 900), Fixtures.appSession("session-2", 900));
        stub.on(CROSS_CONSUME, Answer.problem(401, "invalid_token", "expired"), Answer.json(200, CONSUMED));
        AppSession ada = partner.signInUser("ada@example.com", "pw");

        ada.consume(1, "quiz-hints");

        var spends = stub.requests(CROSS_CONSUME);
        assertThat(spends).hasSize(2);
        assertThat(spends.get(0).body()).contains("session-1");
        assertThat(spends.get(1).body()).contains("session-2");
        assertThat(spends.get(1).header("Idempotency-Key")).isNotEqualTo(spends.get(0).header("Idempotency-Key"));
        assertThat(stub.requests(CROSS_AUTH)).hasSize(2);
    }

    @Test
    void withTheCallersOwnKeyA401IsFinal() {
        stub.on(CROSS_AUTH, Fixtures.appSession("session-1", 900));
        stub.on(CROSS_CONSUME, Answer.problem(401, "invalid_token", "expired"));
        AppSession ada = partner.signInUser("ada@example.com", "pw");

        assertThatThrownBy(() -> ada.consume(1, "quiz-hints", null, null, "quiz-77"))
                .isInstanceOf(AuthenticationException.class);
        assertThat(stub.requests(CROSS_CONSUME)).hasSize(1);
        assertThat(stub.requests(CROSS_AUTH)).hasSize(1);
    }

    @Test
    void aSessionTokenNearItsExpiryIsRenewedBeforeUse() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
        PlinthClient client = Fixtures.client(stub).appId("app-1").apiKey("pk_secret").clock(clock).build();
        stub.on(CROSS_AUTH, Fixtures.appSession("session-1", 5), Fixtures.appSession("session-2", 900));
        stub.on(CROSS_CHECK, Answer.json(200, "{\"currentBalance\":3,\"hasSufficientCredits\":true}"));

        long balance = client.signInUser("ada@example.com", "pw").balance();

        assertThat(balance).isEqualTo(3);
        assertThat(stub.requests(CROSS_CHECK)).singleElement().satisfies(r -> assertThat(r.body()).contains("session-2"));
    }

    @Test
    void aRefusedReSignInEndsTheSession() {
        stub.on(CROSS_AUTH, Fixtures.appSession("session-1", 900),
                Answer.problem(401, "invalid_api_key", "the app's key was rotated"));
        stub.on(CROSS_CHECK, Answer.problem(401, "invalid_token", "revoked"));
        AppSession ada = partner.signInUser("ada@example.com", "pw");

        assertThatThrownBy(ada::balance).isInstanceOfSatisfying(AuthenticationException.class,
                e -> assertThat(e.code()).isEqualTo("invalid_api_key"));
        assertThatThrownBy(ada::balance).isInstanceOf(AuthenticationException.class);
        assertThat(stub.requests(CROSS_AUTH)).hasSize(2);
        assertThat(stub.requests(CROSS_CHECK)).hasSize(1);
    }

    @Test
    void insufficientCreditsCarriesTheBalanceTheAppCanSee() {
        stub.on(CROSS_AUTH, Fixtures.appSession("session-1", 900));
        stub.on(CROSS_CONSUME, Answer.problem(402, "insufficient_credits", "requested 9 credits but only 3 are available"));
        stub.on(CROSS_CHECK, Answer.json(200, "{\"currentBalance\":3,\"hasSufficientCredits\":true}"));
        AppSession ada = partner.signInUser("ada@example.com", "pw");

        assertThatThrownBy(() -> ada.consume(9, "quiz-hints"))
                .isInstanceOfSatisfying(InsufficientCreditsException.class, e -> {
                    assertThat(e.required()).isEqualTo(9);
                    assertThat(e.balance()).hasValue(3);
                });
    }
}
