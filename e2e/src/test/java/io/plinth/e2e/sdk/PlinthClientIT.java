package io.plinth.e2e.sdk;

import static org.awaitility.Awaitility.await;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plinth.client.AppSession;
import io.plinth.client.AuthenticationException;
import io.plinth.client.Balance;
import io.plinth.client.ConflictException;
import io.plinth.client.Consumption;
import io.plinth.client.DailyLimitReachedException;
import io.plinth.client.Hold;
import io.plinth.client.HoldRequest;
import io.plinth.client.InsufficientCreditsException;
import io.plinth.client.Me;
import io.plinth.client.NotFoundException;
import io.plinth.client.PlinthClient;
import io.plinth.client.RegisteredApp;
import io.plinth.client.RegisteredUser;
import io.plinth.client.Tokens;
import io.plinth.client.Transaction;
import io.plinth.client.UserSession;
import io.plinth.client.ValidationException;
import io.plinth.devstack.DevstackSettings;
import io.plinth.e2e.RunningPlatform;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * plinth-client against the real platform, through the real gateway: every call of the SDK, a
 * retry after a response lost on the way back (the platform replays it: charged once), the hold
 * helper releasing for a job that throws, and the typed refusals.
 */
@ExtendWith(RunningPlatform.class)
class PlinthClientIT {

    private static final String PASSWORD = "correct horse battery staple";

    private static PlinthClient plinth;
    private static UserSession admin;

    @BeforeAll
    static void signInTheAdmin() {
        plinth = PlinthClient.builder().baseUrl(RunningPlatform.gateway().toString()).build();
        DevstackSettings settings = RunningPlatform.devstack().settings();
        admin = plinth.login(settings.adminEmail(), settings.adminPassword());
    }

    /** A new user with the free tier's 3 starting credits, plus {@code extra} granted by the admin. */
    private static Signup newUser(long extra) {
        String email = "sdk-" + UUID.randomUUID() + "@example.com";
        RegisteredUser user = plinth.register(email, PASSWORD);
        if (extra > 0) {
            admin.admin().grantCredits(user.userId(), extra, "sdk e2e");
        }
        UserSession session = plinth.login(email, PASSWORD);
        // The 3 starting credits arrive through user.registered on Kafka, a moment after the sign-up answers.
        await("the starting credits of " + email).atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
                .until(() -> session.balance().balance() == 3 + extra);
        return new Signup(user, email, session);
    }

    private record Signup(RegisteredUser user, String email, UserSession session) {
    }

    private static RegisteredApp newApp() {
        return admin.admin().registerApp("SDK e2e " + UUID.randomUUID(), "sdk-e2e.example.com",
                List.of("read_user_info", "read_credits", "consume_credits"));
    }

    @Test
    void aFirstPartyUserReadsSpendsAndPagesThroughTheLedger() {
        Signup ada = newUser(0);

        Me me = ada.session().me();
        Balance before = ada.session().balance();
        Consumption spent = ada.session().consume(1, "notes-export", "PDF export", Map.of("doc", "d-1"));
        List<Transaction> ledger = ada.session().transactions(1).toList();

        assertThat(me.userId()).isEqualTo(ada.user().userId());
        assertThat(me.email()).isEqualTo(ada.email());
        assertThat(before.available()).isEqualTo(3);
        assertThat(ada.session().canAfford(2)).isTrue();
        assertThat(ada.session().canAfford(3)).isFalse();
        assertThat(spent.balance()).isEqualTo(2);
        // one line per page: the stream followed the cursor across pages
        assertThat(ledger).extracting(Transaction::type).containsExactly("consume", "starting_grant");
        assertThat(ledger.get(0).id()).isEqualTo(spent.transactionId());
        assertThat(ledger.get(0).amount()).isEqualTo(-1);
        assertThat(ledger.get(0).metadata()).containsEntry("doc", "d-1");
        assertThat(ada.session().balanceAsync().join().balance()).isEqualTo(2);
    }

    @Test
    void aSpendWhoseResponseIsLostIsRetriedAndChargedOnce() throws IOException {
        Signup ada = newUser(0);
        try (DroppingProxy proxy = new DroppingProxy(RunningPlatform.gateway())) {
            UserSession throughProxy = PlinthClient.builder().baseUrl(proxy.uri().toString()).build()
                    .resume(ada.session().tokens());
            throughProxy.balance(); // a warm connection, so the lost answer is the spend's

            proxy.dropNextResponse();
            Consumption spent = throughProxy.consume(2, "notes-export");

            assertThat(proxy.dropped()).isEqualTo(1);
            assertThat(spent.balance()).isEqualTo(1);
        }
        assertThat(ada.session().balance().balance()).isEqualTo(1);
        assertThat(ada.session().transactions().filter(line -> line.type().equals("consume")).toList()).hasSize(1);
    }

    @Test
    void aPartnerAppsSpendWhoseResponseIsLostIsRetriedAndChargedOnce() throws IOException {
        Signup ada = newUser(0);
        RegisteredApp app = newApp();
        try (DroppingProxy proxy = new DroppingProxy(RunningPlatform.gateway())) {
            AppSession session = PlinthClient.builder().baseUrl(proxy.uri().toString())
                    .appId(app.appId()).apiKey(app.apiKey()).build()
                    .signInUser(ada.email(), PASSWORD);
            assertThat(session.balance()).isEqualTo(3);

            proxy.dropNextResponse();
            Consumption spent = session.consume(2, "quiz-hints");

            assertThat(proxy.dropped()).isEqualTo(1);
            assertThat(spent.balance()).isEqualTo(1);
            assertThat(session.balance()).isEqualTo(1);
        }
        assertThat(ada.session().transactions().filter(line -> line.type().equals("consume")).toList()).hasSize(1);
    }

    @Test
    void aPartnerAppChecksAndSpendsAUsersCredits() {
        Signup ada = newUser(10);
        RegisteredApp app = newApp();
        PlinthClient partner = PlinthClient.builder().baseUrl(RunningPlatform.gateway().toString())
                .appId(app.appId()).apiKey(app.apiKey()).build();

        AppSession session = partner.signInUser(ada.email(), PASSWORD);
        long before = session.balance();
        Consumption spent = session.consume(5, "quiz-hints", "five hints", Map.of("quizId", "q-17"));

        assertThat(session.user().userId()).isEqualTo(ada.user().userId());
        assertThat(session.permissions()).contains("read_credits", "consume_credits");
        assertThat(before).isEqualTo(13);
        assertThat(session.canAfford(8)).isTrue();
        assertThat(session.canAfford(9)).isFalse();
        assertThat(spent.balance()).isEqualTo(8);
        assertThat(session.balanceAsync().join()).isEqualTo(8);
        Transaction line = ada.session().transactions().filter(t -> t.id().equals(spent.transactionId())).findFirst().orElseThrow();
        assertThat(line.metadata()).containsEntry("appId", app.appId()).containsEntry("quizId", "q-17");
        assertThatThrownBy(() -> session.consume(9, "quiz-hints"))
                .isInstanceOfSatisfying(InsufficientCreditsException.class, e -> {
                    assertThat(e.required()).isEqualTo(9);
                    assertThat(e.balance()).hasValue(8);
                    assertThat(e.requestId()).isNotEmpty();
                });
    }

    @Test
    void theHoldHelperCapturesWhatAJobDidAndReleasesWhatAJobThatThrewDidNot() {
        Signup ada = newUser(7);
        IllegalStateException crash = new IllegalStateException("renderer crashed");
        Hold[] failed = new Hold[1];

        assertThatThrownBy(() -> ada.session().holds().run(HoldRequest.of(4, "e2e-render").withReference("job-1"), hold -> {
            failed[0] = hold;
            assertThat(ada.session().balance().held()).isEqualTo(4);
            throw crash;
        })).isSameAs(crash);
        Balance afterFailure = ada.session().balance();
        String result = ada.session().holds().run(4, "e2e-render", hold -> "rendered " + hold.holdId());

        assertThat(ada.session().holds().get(failed[0].holdId()).state()).isEqualTo("released");
        assertThat(afterFailure.balance()).isEqualTo(10);
        assertThat(afterFailure.held()).isZero();
        assertThat(result).startsWith("rendered ");
        Hold captured = ada.session().holds().get(result.substring("rendered ".length()));
        assertThat(captured.state()).isEqualTo("captured");
        assertThat(captured.captured()).isEqualTo(4);
        assertThat(ada.session().balance().balance()).isEqualTo(6);
    }

    @Test
    void holdsCanBeSettledByHandPartlyAndOnlyOnce() {
        Signup ada = newUser(7);

        Hold hold = ada.session().holds().reserve(HoldRequest.of(5, "e2e-render").withDescription("by hand"));
        Hold partly = ada.session().holds().capture(hold.holdId(), 3);
        Hold again = ada.session().holds().capture(hold.holdId(), 3);

        assertThat(hold.isPending()).isTrue();
        assertThat(partly.captured()).isEqualTo(3);
        assertThat(partly.released()).isEqualTo(2);
        assertThat(again.state()).isEqualTo("captured");
        assertThatThrownBy(() -> ada.session().holds().release(hold.holdId())).isInstanceOf(ConflictException.class);
        assertThat(ada.session().balance().balance()).isEqualTo(7);
        assertThat(ada.session().holds().reserveAsync(HoldRequest.of(1, "e2e-render")).join().isPending()).isTrue();
    }

    @Test
    void refusalsArriveAsTypedExceptionsWithTheirRequestId() {
        Signup ada = newUser(1);

        assertThatThrownBy(() -> ada.session().consume(50, "notes-export"))
                .isInstanceOfSatisfying(InsufficientCreditsException.class, e -> {
                    assertThat(e.required()).isEqualTo(50);
                    assertThat(e.balance()).hasValue(4);
                    assertThat(e.requestId()).isNotEmpty();
                    assertThat(e.getMessage()).contains("insufficient_credits");
                });
        assertThatThrownBy(() -> ada.session().holds().reserve(50, "e2e-render"))
                .isInstanceOf(InsufficientCreditsException.class);
        assertThatThrownBy(() -> ada.session().holds().get(UUID.randomUUID().toString()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.requestId()).isNotEmpty());
        assertThatThrownBy(() -> plinth.register("weak-" + UUID.randomUUID() + "@example.com", "short"))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fieldErrors()).anySatisfy(f -> assertThat(f.field()).isEqualTo("password")));
        assertThatThrownBy(() -> plinth.register(ada.email(), PASSWORD))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("email_taken"));
        assertThatThrownBy(() -> plinth.login(ada.email(), "not the password"))
                .isInstanceOf(AuthenticationException.class);
        ada.session().consume(1, "notes-export", null, null, "sdk-key-1");
        assertThatThrownBy(() -> ada.session().consume(2, "notes-export", null, null, "sdk-key-1"))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("idempotency_key_reused"));
    }

    @Test
    void theDailyLimitOfAMeteredServiceIsItsOwnException() {
        Signup ada = newUser(5);

        for (int i = 0; i < 3; i++) {
            ada.session().consume(1, "video-generation");
        }

        assertThatThrownBy(() -> ada.session().consume(1, "video-generation"))
                .isInstanceOfSatisfying(DailyLimitReachedException.class, e -> assertThat(e.retryAfter()).isPresent());
        assertThat(ada.session().balance().usedToday()).isEqualTo(3);
    }

    @Test
    void aRefreshRotatesTheTokensAndASpentRefreshTokenEndsTheLogin() {
        Signup ada = newUser(0);
        Tokens first = ada.session().tokens();
        Tokens expired = new Tokens(first.accessToken(), first.refreshToken(), Instant.now().minusSeconds(1));

        UserSession resumed = plinth.resume(expired);
        Me me = resumed.me();
        UserSession thief = plinth.resume(expired);

        assertThat(me.userId()).isEqualTo(ada.user().userId());
        assertThat(resumed.tokens().refreshToken()).isNotEqualTo(first.refreshToken());
        assertThatThrownBy(thief::me).isInstanceOfSatisfying(AuthenticationException.class,
                e -> assertThat(e.code()).isEqualTo("refresh_token_reused"));
        assertThatThrownBy(thief::me).isInstanceOf(AuthenticationException.class);
    }
}
