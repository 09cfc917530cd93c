package io.plinth.credit.reactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plinth.test.EventPublisher;
import io.plinth.credit.support.IntegrationTestBase;
import io.plinth.events.EventEnvelope;
import io.plinth.events.payment.PaymentRefunded;
import io.plinth.events.payment.PaymentSucceeded;
import io.plinth.events.payment.SubscriptionActivated;
import io.plinth.events.payment.SubscriptionCanceled;
import io.plinth.events.user.UserRegistered;
import io.plinth.credit.tier.Tier;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Kafka in, ledger changes out: every reaction happens once, whatever the redeliveries. */
class PlatformEventsIT extends IntegrationTestBase {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private EventPublisher payments;
    private EventPublisher auth;

    @BeforeEach
    void publishers() {
        String kafka = environment.getRequiredProperty("spring.kafka.bootstrap-servers");
        payments = new EventPublisher(kafka, "plinth/payment-service");
        auth = new EventPublisher(kafka, "plinth/auth-service");
    }

    @AfterEach
    void closePublishers() {
        payments.close();
        auth.close();
    }

    @Test
    void registrationOpensTheWalletWithThreeStartingCreditsOnce() {
        String user = newUser();
        EventEnvelope registered = auth.envelope(user, TENANT, new UserRegistered(user, user + "@example.com", null, "free"));
        auth.publish(registered);
        auth.publish(registered);
        // A second, distinct event for the same registration (say, a replayed outbox row) grants nothing more.
        EventEnvelope again = auth.envelope(user, TENANT, new UserRegistered(user, user + "@example.com", null, "free"));
        auth.publish(again);

        awaitApplied(again);
        assertThat(balance(user).balance()).isEqualTo(3);
        assertThat(queryLong("SELECT count(*) FROM transfer WHERE user_id = ? AND kind = 'STARTING_GRANT'", user))
                .isEqualTo(1);
        assertThat(queryLong("SELECT count(*) FROM outbox WHERE key = ? AND topic = 'plinth.credits.v1' "
                + "AND event->>'type' = 'credits.granted'", user)).isEqualTo(1);
    }

    @Test
    void aPaymentDeliveredTenTimesGrantsOnce() {
        String user = newUser();
        String paymentId = "pay_" + UUID.randomUUID();
        PaymentSucceeded succeeded = new PaymentSucceeded(paymentId, user, "stripe", "prod_100", "price_100", 100,
                1000, "USD");
        EventEnvelope once = payments.envelope(paymentId, TENANT, succeeded);
        for (int i = 0; i < 7; i++) {
            payments.publish(once);
        }
        // The relay may also republish the same payment under new event ids: the transfer id still dedupes.
        EventEnvelope last = null;
        for (int i = 0; i < 3; i++) {
            last = payments.envelope(paymentId, TENANT, succeeded);
            payments.publish(last);
        }

        awaitApplied(last);
        assertThat(balance(user).balance()).isEqualTo(100);
        assertThat(queryLong("SELECT count(*) FROM transfer WHERE id = ?", "payment:" + paymentId)).isEqualTo(1);
    }

    @Test
    void aRefundBeforeItsPaymentStillEndsWithTheRightBalance() {
        String user = newUser();
        String paymentId = "pay_" + UUID.randomUUID();
        // 40 % refunded first (cumulative 400 of 1000), then its payment, then the rest of the refund.
        payments.publish(payments.envelope(paymentId, TENANT,
                new PaymentRefunded(paymentId, user, "re_1", 400, 400, 1000, "USD", 50)));
        EventEnvelope paid = payments.envelope(paymentId, TENANT,
                new PaymentSucceeded(paymentId, user, "stripe", "prod_50", "price_50", 50, 1000, "USD"));
        payments.publish(paid);
        payments.publish(paid);

        await().atMost(WAIT).untilAsserted(() -> assertThat(balance(user).balance()).isEqualTo(30));

        EventEnvelope full = payments.envelope(paymentId, TENANT,
                new PaymentRefunded(paymentId, user, "re_2", 600, 1000, 1000, "USD", 50));
        payments.publish(full);
        payments.publish(full);
        // An older partial refund redelivered late takes nothing more.
        EventEnvelope late = payments.envelope(paymentId, TENANT,
                new PaymentRefunded(paymentId, user, "re_1", 400, 400, 1000, "USD", 50));
        payments.publish(late);

        awaitApplied(late);
        assertThat(balance(user).balance()).isZero();
        assertThat(queryLong("SELECT clawed_back FROM payment_grant WHERE payment_id = ?", paymentId)).isEqualTo(50);
    }

    @Test
    void aRefundAfterSpendingPutsTheWalletInDebtAndItCannotSpend() {
        String user = newUser();
        String paymentId = "pay_" + UUID.randomUUID();
        payments.publish(payments.envelope(paymentId, TENANT,
                new PaymentSucceeded(paymentId, user, "stripe", "prod_10", "price_10", 10, 500, "USD")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(balance(user).balance()).isEqualTo(10));
        http.post().uri("/api/v1/credits/consume")
                .header("Authorization", "Bearer " + tokenFor(user))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .bodyValue(java.util.Map.of("credits", 8, "service", "translation"))
                .exchange().expectStatus().isOk();

        payments.publish(payments.envelope(paymentId, TENANT,
                new PaymentRefunded(paymentId, user, "re_1", 500, 500, 500, "USD", 10)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(balance(user).balance()).isEqualTo(-8));
        assertThat(balance(user).inDebt()).isTrue();
        http.post().uri("/api/v1/credits/consume")
                .header("Authorization", "Bearer " + tokenFor(user))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .bodyValue(java.util.Map.of("credits", 1, "service", "translation"))
                .exchange().expectStatus().isEqualTo(402)
                .expectBody().jsonPath("$.code").isEqualTo("insufficient_credits");
        // Credits granted later first pay the debt back.
        grant(user, 10);
        assertThat(balance(user).balance()).isEqualTo(2);
        assertThat(balance(user).inDebt()).isFalse();
    }

    @Test
    void subscriptionEventsSetAndResetTheTier() {
        String user = newUser();
        payments.publish(payments.envelope("sub_1" + user, TENANT,
                new SubscriptionActivated("sub_1" + user, user, "premium", Instant.now().plus(Duration.ofDays(30)))));
        await().atMost(WAIT).untilAsserted(() -> assertThat(balance(user).tier()).isEqualTo(Tier.PREMIUM));
        assertThat(balance(user).dailyLimit()).isEqualTo(50);

        payments.publish(payments.envelope("sub_1" + user, TENANT,
                new SubscriptionCanceled("sub_1" + user, user, "premium")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(balance(user).tier()).isEqualTo(Tier.FREE));
    }

    /**
     * Waits until this event was applied. Records of one key are handled in order, so once the last
     * event published for a subject is in the inbox, every earlier delivery for it has been handled.
     */
    private void awaitApplied(EventEnvelope last) {
        await().atMost(WAIT).until(() -> queryLong(
                "SELECT count(*) FROM inbox WHERE consumer = 'credit-service' AND event_id = ?", last.id()) == 1);
    }
}
