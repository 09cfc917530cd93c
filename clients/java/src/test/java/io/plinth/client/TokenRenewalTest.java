package io.plinth.client;

import static io.plinth.client.Fixtures.BALANCE;
import static io.plinth.client.Fixtures.BALANCE_OK;
import static io.plinth.client.Fixtures.CONSUME;
import static io.plinth.client.Fixtures.CONSUMED;
import static io.plinth.client.Fixtures.LOGIN;
import static io.plinth.client.Fixtures.REFRESH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plinth.client.GatewayStub.Answer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenRenewalTest {

    private GatewayStub stub;

    @BeforeEach
    void start() throws Exception {
        stub = new GatewayStub();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void aRefusedAccessTokenIsRefreshedOnceAndTheSameSpendSentAgain() {
        stub.on(LOGIN, Fixtures.tokens("access-1", "refresh-1", 900));
        stub.on(REFRESH, Fixtures.tokens("access-2", "refresh-2", 900));
        stub.on(CONSUME, Answer.problem(401, "unauthorized", "expired"), Answer.json(200, CONSUMED));
        UserSession ada = Fixtures.client(stub).build().login("ada@example.com", "pw");

        ada.consume(1, "notes-export");

        var spends = stub.requests(CONSUME);
        assertThat(spends).extracting(r -> r.header("Authorization")).containsExactly("Bearer access-1", "Bearer access-2");
        assertThat(spends.get(1).header("Idempotency-Key")).isEqualTo(spends.get(0).header("Idempotency-Key"));
        assertThat(stub.requests(REFRESH)).singleElement().satisfies(r -> assertThat(r.body()).contains("refresh-1"));
        assertThat(ada.tokens().refreshToken()).isEqualTo("refresh-2");
    }

    @Test
    void aTokenAboutToExpireIsRefreshedBeforeTheCall() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
        stub.on(LOGIN, Fixtures.tokens("access-1", "refresh-1", 10));
        stub.on(REFRESH, Fixtures.tokens("access-2", "refresh-2", 900));
        stub.on(BALANCE, Answer.json(200, BALANCE_OK));
        UserSession ada = Fixtures.client(stub).clock(clock).build().login("ada@example.com", "pw");

        ada.balance();

        assertThat(stub.requests(BALANCE)).singleElement()
                .satisfies(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer access-2"));
        assertThat(ada.tokens().expiresAt()).isEqualTo(Instant.parse("2026-11-25T12:15:00Z"));
    }

    @Test
    void concurrentCallsWithAnExpiredTokenShareOneRefresh() {
        PlinthClient client = Fixtures.client(stub).build();
        stub.on(REFRESH, Fixtures.tokens("access-2", "refresh-2", 900));
        stub.on(BALANCE, Answer.json(200, BALANCE_OK));
        UserSession ada = client.resume(new Tokens("access-1", "refresh-1", Instant.now().minusSeconds(1)));

        List<CompletableFuture<Balance>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            calls.add(CompletableFuture.supplyAsync(ada::balance));
        }
        calls.forEach(CompletableFuture::join);

        assertThat(stub.requests(REFRESH)).hasSize(1);
        assertThat(stub.requests(BALANCE)).hasSize(16).allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer access-2"));
    }

    @Test
    void aReusedRefreshTokenEndsTheSessionWithoutRetrying() {
        stub.on(REFRESH, Answer.problem(401, "refresh_token_reused", "this refresh token was already used"));
        UserSession ada = Fixtures.client(stub).build()
                .resume(new Tokens("access-1", "refresh-1", Instant.now().minusSeconds(1)));

        assertThatThrownBy(ada::balance).isInstanceOfSatisfying(AuthenticationException.class,
                e -> assertThat(e.code()).isEqualTo("refresh_token_reused"));
        assertThatThrownBy(ada::balance).isInstanceOfSatisfying(AuthenticationException.class,
                e -> assertThat(e.code()).isEqualTo("refresh_token_reused"));
        assertThat(stub.requests(REFRESH)).hasSize(1);
        assertThat(stub.requests(BALANCE)).isEmpty();
    }

    @Test
    void aRefreshWhoseAnswerWasLostIsNotSentAgain() {
        stub.on(REFRESH, Answer.dropped());
        UserSession ada = Fixtures.client(stub).build()
                .resume(new Tokens("access-1", "refresh-1", Instant.now().minusSeconds(1)));

        assertThatThrownBy(ada::balance).isInstanceOf(PlinthUnavailableException.class);
        assertThat(stub.requests(REFRESH)).hasSize(1);
    }

    @Test
    void logoutEndsTheSessionHere() {
        stub.on(LOGIN, Fixtures.tokens("access-1", "refresh-1", 900));
        stub.on("/api/v1/auth/logout", new Answer(204, null, java.util.Map.of(), false));
        UserSession ada = Fixtures.client(stub).build().login("ada@example.com", "pw");

        ada.logout();

        assertThatThrownBy(ada::balance).isInstanceOfSatisfying(AuthenticationException.class,
                e -> assertThat(e.code()).isEqualTo("session_ended"));
        assertThat(stub.requests(BALANCE)).isEmpty();
    }
}
