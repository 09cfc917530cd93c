package io.plinth.video.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import io.plinth.events.payment.PaymentSucceeded;
import io.plinth.events.signature.SignatureEnvelopeCompleted;
import io.plinth.test.PlatformInfrastructure;
import io.plinth.test.security.TestTokens;
import io.plinth.test.EventPublisher;
import io.plinth.video.support.VideoServiceIT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class PlaybackIT extends VideoServiceIT {

    private static EventPublisher payments;

    @BeforeAll
    static void publisher() {
        payments = new EventPublisher(PlatformInfrastructure.kafka().bootstrapServers(), "plinth/payment-service");
    }

    @AfterAll
    static void closePublisher() {
        payments.close();
    }

    @Test
    void theOwnerGetsAVdoCipherOtpValidFor300Seconds() {
        String owner = newUser();
        String videoId = videoOwnedBy(owner);

        String body = play(tokenFor(owner), videoId).expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody();

        assertThat((String) JsonPath.read(body, "$.otp")).matches("[0-9a-f]{64}");
        assertThat((Integer) JsonPath.read(body, "$.ttl")).isEqualTo(300);
        String info = new String(Base64.getDecoder().decode((String) JsonPath.read(body, "$.playbackInfo")),
                StandardCharsets.UTF_8);
        assertThat(info).contains(videoId);
        assertThat(accessLog(videoId, owner, true, "owner")).isEqualTo(1);
    }

    @Test
    void anyoneElseGetsA404AndTheAttemptIsLogged() {
        String videoId = videoOwnedBy(newUser());
        String stranger = newUser();

        play(tokenFor(stranger), videoId).expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("not_found");
        play(tokenFor(stranger), UUID.randomUUID().toString()).expectStatus().isNotFound();
        play(tokenFor(stranger), "..%2F..%2Fetc%2Fpasswd").expectStatus().is4xxClientError();

        assertThat(accessLog(videoId, stranger, false, "not_entitled")).isEqualTo(1);
    }

    @Test
    void aFreePreviewPlaysForAnyoneInTheTenantButNotInAnother() {
        String owner = newUser();
        String videoId = videoOwnedBy(owner);
        String viewer = newUser();
        play(tokenFor(viewer), videoId).expectStatus().isNotFound();

        admin(videoId, Map.of("freePreview", true)).expectStatus().isOk()
                .expectBody().jsonPath("$.freePreview").isEqualTo(true);

        play(tokenFor(viewer), videoId).expectStatus().isOk();
        play(TestTokens.user(viewer).tenant("another-tenant").sign(), videoId).expectStatus().isNotFound();
        assertThat(accessLog(videoId, viewer, true, "free_preview")).isEqualTo(1);
    }

    @Test
    void aPaidCourseUnlocksItsVideosOnceEvenWhenThePaymentEventArrivesTwice() {
        String videoId = videoOwnedBy(newUser());
        admin(videoId, Map.of("courseId", "intro-to-video")).expectStatus().isOk();
        String student = newUser();
        play(tokenFor(student), videoId).expectStatus().isNotFound();

        var paid = payments.envelope("pay-" + UUID.randomUUID(), TENANT, new PaymentSucceeded("pay-1-" + student,
                student, "stripe", "course-intro", "course-intro-usd", 0, 4900, "USD", "course:intro-to-video"));
        payments.publish(paid);
        payments.publish(paid);
        payments.publish(payments.envelope(paid.subject(), TENANT, paid.typedData()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                play(tokenFor(student), videoId).expectStatus().isOk());
        assertThat(queryLong("SELECT count(*) FROM entitlement WHERE user_id = ?", student)).isEqualTo(1);
        // The same user id in another tenant bought nothing.
        play(TestTokens.user(student).tenant("another-tenant").sign(), videoId).expectStatus().isNotFound();
    }

    @Test
    void aBasketThatSoldACourseAndAFeatureGrantsBothOnce() {
        String videoId = videoOwnedBy(newUser());
        admin(videoId, Map.of("courseId", "basket-course")).expectStatus().isOk();
        String buyer = newUser();

        var paid = payments.envelope("pay-basket-" + buyer, TENANT, new PaymentSucceeded("pay-basket-" + buyer, buyer,
                "pipit", "basket", "basket", 10, 3899, "USD", null, null,
                List.of("course:basket-course", "feature:export_4k")));
        payments.publish(paid);
        payments.publish(payments.envelope(paid.subject(), TENANT, paid.typedData()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                play(tokenFor(buyer), videoId).expectStatus().isOk());
        assertThat(queryLong("SELECT count(*) FROM entitlement WHERE user_id = ? AND entitlement = 'feature:export_4k'",
                buyer)).isEqualTo(1);
        assertThat(queryLong("SELECT count(*) FROM entitlement WHERE user_id = ?", buyer)).isEqualTo(2);
    }

    @Test
    void aPaymentWithoutAnEntitlementOrForAnotherCourseUnlocksNothing() {
        String videoId = videoOwnedBy(newUser());
        admin(videoId, Map.of("courseId", "advanced")).expectStatus().isOk();
        String buyer = newUser();

        payments.publish(payments.envelope("p", TENANT, new PaymentSucceeded("pay-credits-" + buyer, buyer, "stripe",
                "credits-100", "credits-100-usd", 100, 999, "USD")));
        payments.publish(payments.envelope("p", TENANT, new PaymentSucceeded("pay-other-" + buyer, buyer, "stripe",
                "course-intro", "course-intro-usd", 0, 4900, "USD", "course:intro-to-video")));
        payments.publish(payments.envelope("p", TENANT, new PaymentSucceeded("pay-bad-" + buyer, buyer, "stripe",
                "x", "x", 0, 1, "USD", "admin")));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(queryLong("SELECT count(*) FROM entitlement WHERE user_id = ?", buyer)).isEqualTo(1));
        play(tokenFor(buyer), videoId).expectStatus().isNotFound();
    }

    @Test
    void aSignedContractThatUnlocksACourseEntitlesItsSigner() {
        String videoId = videoOwnedBy(newUser());
        admin(videoId, Map.of("courseId", "contract-course")).expectStatus().isOk();
        String signer = newUser();

        try (EventPublisher signatures = new EventPublisher(PlatformInfrastructure.kafka().bootstrapServers(),
                "plinth/integration-service")) {
            signatures.publish(signatures.envelope("env-" + signer, TENANT, new SignatureEnvelopeCompleted(
                    "env-" + signer, signer, "signer@example.com", "tpl-1", "contract-course")));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                play(tokenFor(signer), videoId).expectStatus().isOk());
        assertThat(accessLog(videoId, signer, true, "entitled")).isEqualTo(1);
    }

    @Test
    void onlyAnAdminOfTheTenantSetsAVideosCourse() {
        String owner = newUser();
        String videoId = videoOwnedBy(owner);

        http.patch().uri("/api/v1/admin/videos/{id}", videoId).headers(h -> h.setBearerAuth(tokenFor(owner)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("freePreview", true))
                .exchange().expectStatus().isForbidden();
        http.patch().uri("/api/v1/admin/videos/{id}", videoId)
                .headers(h -> h.setBearerAuth(TestTokens.admin("ops").tenant("another-tenant").sign()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("freePreview", true))
                .exchange().expectStatus().isNotFound();
        admin(videoId, Map.of("courseId", "../secret")).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("courseId");
        assertThat(queryLong("SELECT count(*) FROM video WHERE id = ? AND (free_preview OR course_id IS NOT NULL)",
                UUID.fromString(videoId))).isZero();
    }

    private WebTestClient.ResponseSpec play(String token, String videoId) {
        return http.post().uri("/api/v1/videos/{id}/playback", videoId).headers(h -> h.setBearerAuth(token)).exchange();
    }

    private WebTestClient.ResponseSpec admin(String videoId, Map<String, Object> body) {
        return http.patch().uri("/api/v1/admin/videos/{id}", videoId)
                .headers(h -> h.setBearerAuth(TestTokens.admin("ops-" + UUID.randomUUID()).sign()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** A stored video of {@code owner}'s, as a finished generation leaves it (the file itself is not needed here). */
    private String videoOwnedBy(String owner) {
        UUID id = UUID.randomUUID();
        execute("INSERT INTO video (id, tenant_id, owner_id, source, title, storage_key, content_type, created_at) "
                + "VALUES (?, ?, ?, 'generation', 'A lesson', ?, 'video/mp4', ?)", id, TENANT, owner,
                "videos/" + id + ".mp4", OffsetDateTime.now());
        return id.toString();
    }

    private long accessLog(String videoId, String userId, boolean allowed, String reason) {
        return queryLong("SELECT count(*) FROM playback_access WHERE video_id = ? AND user_id = ? AND allowed = ? "
                + "AND reason = ?", videoId, userId, allowed, reason);
    }
}
