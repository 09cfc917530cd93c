package io.plinth.credit.hold;

import static org.assertj.core.api.Assertions.assertThat;

import io.plinth.credit.support.IntegrationTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** Two-phase spends over HTTP: reserve, then capture all or part, release, or let it expire. */
class HoldsIT extends IntegrationTestBase {

    @Autowired
    HoldService holds;

    @Test
    void aHoldReservesCreditsAndCapturingItSpendsThem() {
        String user = newUser();
        grant(user, 10);

        String holdId = place(user, 4, null).expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("holdId").toString();
        assertThat(balance(user).available()).isEqualTo(6);
        assertThat(balance(user).held()).isEqualTo(4);

        post(user, "/api/v1/credits/holds/" + holdId + "/capture", Map.of()).expectStatus().isOk()
                .expectBody().jsonPath("$.state").isEqualTo("captured").jsonPath("$.captured").isEqualTo(4);
        assertThat(balance(user).balance()).isEqualTo(6);
        assertThat(balance(user).held()).isZero();

        // Capturing again is a replay; releasing a captured hold is a conflict.
        post(user, "/api/v1/credits/holds/" + holdId + "/capture", Map.of()).expectStatus().isOk();
        post(user, "/api/v1/credits/holds/" + holdId + "/release", Map.of()).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("hold_already_settled");
        assertThat(balance(user).balance()).isEqualTo(6);
    }

    @Test
    void aPartialCaptureSpendsPartAndReturnsTheRest() {
        String user = newUser();
        grant(user, 10);
        String holdId = holdId(place(user, 5, null));

        post(user, "/api/v1/credits/holds/" + holdId + "/capture", Map.of("credits", 2)).expectStatus().isOk()
                .expectBody().jsonPath("$.captured").isEqualTo(2).jsonPath("$.released").isEqualTo(3);

        assertThat(balance(user).balance()).isEqualTo(8);
        assertThat(balance(user).available()).isEqualTo(8);
        assertThat(queryLong("SELECT amount FROM transfer WHERE hold_id = ?::uuid", holdId)).isEqualTo(2);
    }

    @Test
    void captureMoreThanHeldIsRefused() {
        String user = newUser();
        grant(user, 10);
        String holdId = holdId(place(user, 5, null));

        post(user, "/api/v1/credits/holds/" + holdId + "/capture", Map.of("credits", 6))
                .expectStatus().isEqualTo(422);
        assertThat(balance(user).held()).isEqualTo(5);
    }

    @Test
    void releasingAHoldReturnsEverythingAndIsIdempotent() {
        String user = newUser();
        grant(user, 10);
        String holdId = holdId(place(user, 7, null));

        post(user, "/api/v1/credits/holds/" + holdId + "/release", Map.of()).expectStatus().isOk()
                .expectBody().jsonPath("$.state").isEqualTo("released");
        post(user, "/api/v1/credits/holds/" + holdId + "/release", Map.of()).expectStatus().isOk();

        assertThat(balance(user).balance()).isEqualTo(10);
        assertThat(balance(user).available()).isEqualTo(10);
        post(user, "/api/v1/credits/holds/" + holdId + "/capture", Map.of()).expectStatus().isEqualTo(409);
    }

    @Test
    void aHoldBeyondTheAvailableCreditsIs402() {
        String user = newUser();
        grant(user, 10);
        holdId(place(user, 8, null));

        place(user, 3, null).expectStatus().isEqualTo(402)
                .expectBody().jsonPath("$.code").isEqualTo("insufficient_credits");
        post(user, "/api/v1/credits/consume", Map.of("credits", 3, "service", "translation"))
                .expectStatus().isEqualTo(402);
    }

    @Test
    void anotherUsersHoldIsNotFound() {
        String owner = newUser();
        grant(owner, 10);
        String holdId = holdId(place(owner, 2, null));

        String stranger = newUser();
        http.get().uri("/api/v1/credits/holds/" + holdId).header("Authorization", "Bearer " + tokenFor(stranger))
                .exchange().expectStatus().isNotFound();
        post(stranger, "/api/v1/credits/holds/" + holdId + "/capture", Map.of()).expectStatus().isNotFound();
        assertThat(balance(owner).held()).isEqualTo(2);
    }

    @Test
    void anUnsettledHoldExpiresOnItsOwnAndCanNoLongerBeCaptured() {
        String user = newUser();
        grant(user, 10);
        clock.pin(Instant.now());
        String holdId = holdId(place(user, 6, null));

        clock.advance(Duration.ofMinutes(14));
        holds.expireDue().block();
        assertThat(balance(user).held()).as("not yet expired after 14 of 15 minutes").isEqualTo(6);

        clock.advance(Duration.ofMinutes(1));
        holds.expireDue().block();

        assertThat(balance(user).held()).isZero();
        assertThat(balance(user).available()).isEqualTo(10);
        http.get().uri("/api/v1/credits/holds/" + holdId).header("Authorization", "Bearer " + tokenFor(user))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("expired");
        post(user, "/api/v1/credits/holds/" + holdId + "/capture", Map.of()).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("hold_expired");
        assertThat(queryLong("SELECT count(*) FROM outbox WHERE key = ? AND event->>'type' = 'credits.hold-released'",
                user)).isEqualTo(1);
    }

    @Test
    void sweepersRacingOnSeveralReplicasExpireEachHoldOnce() {
        String user = newUser();
        grant(user, 40);
        clock.pin(Instant.now());
        for (int i = 0; i < 20; i++) {
            holdId(place(user, 2, 60L));
        }
        clock.advance(Duration.ofMinutes(2));

        List<Integer> expiredPerSweeper = Flux.range(0, 4)
                .flatMap(i -> holds.expireDue().subscribeOn(Schedulers.parallel()))
                .collectList().block();

        assertThat(expiredPerSweeper.stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(20);
        assertThat(balance(user).held()).isZero();
        assertThat(balance(user).available()).isEqualTo(40);
        assertThat(queryLong("SELECT count(*) FROM hold WHERE user_id = ? AND state = 'EXPIRED'", user)).isEqualTo(20);
        assertThat(queryLong("SELECT count(*) FROM outbox WHERE key = ? AND event->>'type' = 'credits.hold-released'",
                user)).isEqualTo(20);
    }

    @Test
    void placingTheSameHoldTwiceWithOneIdempotencyKeyReservesOnce() {
        String user = newUser();
        grant(user, 10);
        String key = UUID.randomUUID().toString();
        String first = holdId(placeWithKey(user, 4, key));
        String second = holdId(placeWithKey(user, 4, key));

        assertThat(second).isEqualTo(first);
        assertThat(balance(user).held()).isEqualTo(4);
    }

    /**
     * Issue #10, item 12: a hold records who placed it, and only they (or an admin of the tenant) may
     * release or capture it. A job's hold placed by a service is not the user's to release mid-job.
     */
    @Test
    void onlyWhoeverPlacedAHoldOrAnAdminMaySettleIt() {
        String user = newUser();
        grant(user, 10);
        String own = holdId(place(user, 2, null));
        http.get().uri("/api/v1/credits/holds/" + own).header("Authorization", "Bearer " + tokenFor(user)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.placedBy").isEqualTo("user:" + user);

        Hold jobHold = holds.place(new HoldService.NewHold("job-hold:" + UUID.randomUUID(), TENANT, user, 5,
                "video-generation", "job-1", "render", null, "app:video-jobs")).block().hold();
        String jobHoldId = jobHold.id().toString();

        // The owner sees it, but to them it cannot be settled: it does not exist.
        http.get().uri("/api/v1/credits/holds/" + jobHoldId).header("Authorization", "Bearer " + tokenFor(user))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.placedBy").isEqualTo("app:video-jobs");
        post(user, "/api/v1/credits/holds/" + jobHoldId + "/release", Map.of()).expectStatus().isNotFound();
        post(user, "/api/v1/credits/holds/" + jobHoldId + "/capture", Map.of()).expectStatus().isNotFound();
        // Another user of the tenant neither sees nor settles it.
        post(newUser(), "/api/v1/credits/holds/" + jobHoldId + "/release", Map.of()).expectStatus().isNotFound();
        assertThat(balance(user).held()).isEqualTo(7);

        // An admin of the tenant may; an admin of another tenant may not.
        String otherTenantAdmin = io.plinth.test.security.TestTokens.admin("admin-x").tenant("tenant-x").clock(clock).sign();
        http.post().uri("/api/v1/credits/holds/" + jobHoldId + "/release")
                .header("Authorization", "Bearer " + otherTenantAdmin)
                .header("Idempotency-Key", UUID.randomUUID().toString()).bodyValue(Map.of())
                .exchange().expectStatus().isNotFound();
        String admin = io.plinth.test.security.TestTokens.admin("admin-" + UUID.randomUUID()).clock(clock).sign();
        http.post().uri("/api/v1/credits/holds/" + jobHoldId + "/release")
                .header("Authorization", "Bearer " + admin)
                .header("Idempotency-Key", UUID.randomUUID().toString()).bodyValue(Map.of())
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("released");

        // The user's own hold stays theirs to settle.
        post(user, "/api/v1/credits/holds/" + own + "/capture", Map.of()).expectStatus().isOk();
        assertThat(balance(user).balance()).isEqualTo(8);
        assertThat(balance(user).held()).isZero();
    }

    /**
     * An admin lists a user's holds in every state, newest first, a page at a time; the cursor is opaque and a forged
     * one is a 400. Users are not admins (403), another tenant's admin and an unknown user get 404.
     */
    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void anAdminPagesThroughAUsersHoldsInEveryState() {
        String user = newUser();
        grant(user, 20);
        String first = holdId(place(user, 1, null));
        clock.advance(Duration.ofSeconds(1));
        String second = holdId(place(user, 2, null));
        clock.advance(Duration.ofSeconds(1));
        String third = holdId(place(user, 3, null));
        post(user, "/api/v1/credits/holds/" + first + "/release", Map.of()).expectStatus().isOk();
        post(user, "/api/v1/credits/holds/" + second + "/capture", Map.of()).expectStatus().isOk();
        String admin = io.plinth.test.security.TestTokens.admin("admin-" + UUID.randomUUID()).clock(clock).sign();

        Map page1 = http.get().uri("/api/v1/admin/credits/" + user + "/holds?limit=2")
                .header("Authorization", "Bearer " + admin).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        List<Map> items1 = (List<Map>) page1.get("items");
        assertThat(items1).extracting(h -> h.get("holdId")).containsExactly(third, second);
        assertThat(items1).extracting(h -> h.get("state")).containsExactly("pending", "captured");
        assertThat(items1.get(0)).containsEntry("credits", 3).containsKey("expiresAt");
        String cursor = (String) page1.get("nextCursor");
        assertThat(cursor).isNotBlank();

        Map page2 = http.get().uri(u -> u.path("/api/v1/admin/credits/" + user + "/holds").queryParam("limit", 2)
                        .queryParam("cursor", cursor).build())
                .header("Authorization", "Bearer " + admin).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<Map>) page2.get("items")).extracting(h -> h.get("holdId")).containsExactly(first);
        assertThat((List<Map>) page2.get("items")).extracting(h -> h.get("state")).containsExactly("released");
        assertThat(page2.get("nextCursor")).isNull();

        http.get().uri("/api/v1/admin/credits/" + user + "/holds?cursor=bm9wZQ")
                .header("Authorization", "Bearer " + admin).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_cursor");
        http.get().uri("/api/v1/admin/credits/" + user + "/holds?limit=0")
                .header("Authorization", "Bearer " + admin).exchange().expectStatus().isBadRequest();
        http.get().uri("/api/v1/admin/credits/" + user + "/holds")
                .header("Authorization", "Bearer " + tokenFor(user)).exchange().expectStatus().isForbidden();
        String otherTenantAdmin = io.plinth.test.security.TestTokens.admin("admin-x").tenant("tenant-x").clock(clock).sign();
        http.get().uri("/api/v1/admin/credits/" + user + "/holds")
                .header("Authorization", "Bearer " + otherTenantAdmin).exchange().expectStatus().isNotFound();
        http.get().uri("/api/v1/admin/credits/" + newUser() + "/holds")
                .header("Authorization", "Bearer " + admin).exchange().expectStatus().isNotFound();
    }

    private WebTestClient.ResponseSpec place(String user, long credits, Long ttlSeconds) {
        return placeWithKey(user, credits, UUID.randomUUID().toString(), ttlSeconds);
    }

    private WebTestClient.ResponseSpec placeWithKey(String user, long credits, String key) {
        return placeWithKey(user, credits, key, null);
    }

    private WebTestClient.ResponseSpec placeWithKey(String user, long credits, String key, Long ttlSeconds) {
        Map<String, Object> body = ttlSeconds == null
                ? Map.of("credits", credits, "service", "translation", "reference", "job-1")
                : Map.of("credits", credits, "service", "translation", "reference", "job-1", "expiresInSeconds", ttlSeconds);
        return http.post().uri("/api/v1/credits/holds")
                .header("Authorization", "Bearer " + tokenFor(user))
                .header("Idempotency-Key", key)
                .bodyValue(body)
                .exchange();
    }

    @SuppressWarnings("rawtypes")
    private static String holdId(WebTestClient.ResponseSpec response) {
        Map body = response.expectStatus().is2xxSuccessful().expectBody(Map.class).returnResult().getResponseBody();
        return body.get("holdId").toString();
    }

    private WebTestClient.ResponseSpec post(String user, String path, Map<String, Object> body) {
        return http.post().uri(path)
                .header("Authorization", "Bearer " + tokenFor(user))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .bodyValue(body)
                .exchange();
    }
}
