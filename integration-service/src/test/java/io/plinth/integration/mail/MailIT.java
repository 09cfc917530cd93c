package io.plinth.integration.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.plinth.events.EventEnvelope;
import io.plinth.events.payment.PaymentSucceeded;
import io.plinth.events.user.MailTokenSeal;
import io.plinth.events.user.UserEmailVerificationRequested;
import io.plinth.events.user.UserRegistered;
import io.plinth.events.video.VideoExportCompleted;
import io.plinth.integration.support.IngressTestBase;
import io.plinth.integration.support.SandboxControls;
import io.plinth.test.EventPublisher;
import io.plinth.test.PlatformInfrastructure;
import io.plinth.test.security.TestTokens;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Transactional mail end to end: events published to the real Kafka, consumed through the inbox, queued in
 * PostgreSQL, sent by the worker to the provider sandbox's {@code /v3/mail/send}, read back from its mailbox.
 */
class MailIT extends IngressTestBase {

    static final String SANDBOX_SENDGRID_KEY = "SG.plinth-devstack.sandbox-api-key";
    static final MailTokenSeal SEAL = MailTokenSeal.fromBase64(MailTokenSeal.DEVELOPMENT_KEY);

    static final EventPublisher EVENTS = new EventPublisher(PlatformInfrastructure.kafka().bootstrapServers(), "plinth/test");

    @AfterAll
    static void closePublisher() {
        EVENTS.close();
    }

    @Test
    void aNewUserGetsOneVerificationMailEvenAfterASendGrid429AndARedelivery() {
        String tenant = withSendGrid(fresh("t"));
        String userId = fresh("u");
        String email = fresh("new") + "@plinth.example";
        String token = "ev_" + fresh("token");
        SandboxControls.fault("sendgrid", "{\"status\":429,\"times\":1}");

        EVENTS.publish(EVENTS.envelope(userId, tenant, new UserRegistered(userId, email, null, "free")));
        EventEnvelope verification = EVENTS.envelope(userId, tenant, new UserEmailVerificationRequested(userId, email,
                SEAL.seal(token, UserEmailVerificationRequested.TYPE, userId), Instant.now().plus(Duration.ofHours(24))));
        EVENTS.publish(verification);
        EVENTS.publish(verification);

        List<Map<String, Object>> mail = awaitMail(email, 1);
        assertThat(mail.get(0).get("subject")).isEqualTo("Confirm your email address");
        assertThat((String) mail.get(0).get("text"))
                .contains("http://localhost:3000/verify-email?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        assertThat((String) mail.get(0).get("html")).contains("verify-email?token=");
        assertThat(mail.get(0).get("from")).isEqualTo("mail@plinth.example");
        // The 429 was SendGrid's answer to the first attempt: the row shows two attempts, sent, no error left.
        assertThat(count("select count(*) from mail_deliveries where event_id = ? and status = 'sent' and attempts = 2"
                + " and transport = 'sendgrid' and provider_message_id is not null and last_error is null", verification.id()))
                .isEqualTo(1);
        assertThat(SandboxControls.get("/_sandbox/sendgrid/faults").body()).contains("\"times\":0");
        // The token never rests in clear text: the queue holds it sealed.
        assertThat(count("select count(*) from mail_deliveries where data::text like ?", "%" + token + "%")).isZero();
        // The redelivered event was recognised: one row, one mail (checked again after the worker had time to repeat).
        assertThat(count("select count(*) from mail_deliveries where event_id = ?", verification.id())).isEqualTo(1);
        assertThat(mailbox(email)).hasSize(1);
    }

    @Test
    void aPaymentGetsAReceiptAtTheAddressTheUserEventsGave() {
        String tenant = withSendGrid(fresh("t"));
        String userId = fresh("u");
        String email = fresh("payer") + "@plinth.example";
        String paymentId = fresh("pay");
        EVENTS.publish(EVENTS.envelope(userId, tenant, new UserRegistered(userId, email, null, "free")));

        EVENTS.publish(EVENTS.envelope(paymentId, tenant,
                new PaymentSucceeded(paymentId, userId, "stripe", "credits-100", "price_1", 100, 1250, "usd")));

        List<Map<String, Object>> mail = awaitMail(email, 1);
        assertThat(mail.get(0).get("subject")).isEqualTo("Your Plinth receipt: 12.50 USD");
        assertThat((String) mail.get(0).get("text")).contains("Payment: " + paymentId).contains("Credits: 100");
        assertThat((String) mail.get(0).get("html")).contains("<td>" + paymentId + "</td>");
    }

    @Test
    void aMailForAUserNotYetKnownWaitsForTheUserEventInsteadOfBeingLost() {
        String tenant = withSendGrid(fresh("t"));
        String userId = fresh("u");
        String email = fresh("late") + "@plinth.example";
        String exportId = fresh("exp");
        EventEnvelope export = EVENTS.envelope(exportId, tenant, new VideoExportCompleted(exportId, userId, "content-1",
                "https://cdn.plinth.example/" + exportId + ".mp4", Map.of()));
        EVENTS.publish(export);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from mail_deliveries where event_id = ?"
                + " and attempts >= 1 and last_error like '%not known yet%'", export.id()) == 1);

        EVENTS.publish(EVENTS.envelope(userId, tenant, new UserRegistered(userId, email, null, "free")));

        List<Map<String, Object>> mail = awaitMail(email, 1);
        assertThat(mail.get(0).get("subject")).isEqualTo("Your video export is ready");
        assertThat((String) mail.get(0).get("text")).contains("https://cdn.plinth.example/" + exportId + ".mp4");
    }

    @Test
    void withoutAnySendGridTheMailIsWrittenToTheLog() {
        String tenant = fresh("t");
        String userId = fresh("u");
        String email = fresh("dev") + "@plinth.example";
        EventEnvelope verification = EVENTS.envelope(userId, tenant, new UserEmailVerificationRequested(userId, email,
                SEAL.seal("ev_dev_token", UserEmailVerificationRequested.TYPE, userId), Instant.now().plus(Duration.ofHours(1))));

        EVENTS.publish(verification);

        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from mail_deliveries where event_id = ?"
                + " and status = 'logged' and transport = 'log'", verification.id()) == 1);
        assertThat(mailbox(email)).isEmpty();
    }

    @Test
    void aTokenSealedForAnotherUserIsNeverMailed() {
        String tenant = withSendGrid(fresh("t"));
        String userId = fresh("u");
        String email = fresh("victim") + "@plinth.example";
        EventEnvelope forged = EVENTS.envelope(userId, tenant, new UserEmailVerificationRequested(userId, email,
                SEAL.seal("ev_someone_elses", UserEmailVerificationRequested.TYPE, "another-user"), Instant.now().plusSeconds(600)));

        EVENTS.publish(forged);

        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from mail_deliveries where event_id = ?"
                + " and status = 'failed' and last_error like '%cannot be opened%'", forged.id()) == 1);
        assertThat(mailbox(email)).isEmpty();
    }

    // ---- helpers ----

    /** The tenant's own SendGrid integration, pointed at the sandbox with its known key. */
    private String withSendGrid(String tenant) {
        HttpResponse<String> put = send(HttpRequest.newBuilder(url("/api/v1/admin/integrations/sendgrid"))
                .header("Authorization", "Bearer " + TestTokens.admin("admin-" + tenant).tenant(tenant).sign())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":true,\"credentials\":{\"apiKey\":\""
                        + SANDBOX_SENDGRID_KEY + "\"},\"settings\":{\"fromEmail\":\"mail@plinth.example\",\"fromName\":\"Plinth tests\"}}"))
                .build());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        return tenant;
    }

    static List<Map<String, Object>> mailbox(String to) {
        HttpResponse<String> box = SandboxControls.get("/_sandbox/sendgrid/mailbox?to=" + URLEncoder.encode(to, StandardCharsets.UTF_8));
        assertThat(box.statusCode()).isEqualTo(200);
        return JsonPath.read(box.body(), "$.data");
    }

    static List<Map<String, Object>> awaitMail(String to, int n) {
        return await().atMost(Duration.ofSeconds(45)).until(() -> mailbox(to), box -> box.size() >= n);
    }
}
