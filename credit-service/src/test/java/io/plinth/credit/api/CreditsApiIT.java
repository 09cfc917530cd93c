package io.plinth.credit.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.plinth.credit.ledger.TransferKind;
import io.plinth.credit.ledger.TransferRequest;
import io.plinth.credit.support.IntegrationTestBase;
import io.plinth.test.security.TestTokens;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The user-facing credits API: balance, history, consume, admin view and grant, audit. */
class CreditsApiIT extends IntegrationTestBase {

    @Test
    void balanceShowsHeldAvailableTierAndLimit() {
        String user = newUser();
        grant(user, 9);

        get(user, "/api/v1/credits/balance").expectStatus().isOk().expectBody()
                .jsonPath("$.balance").isEqualTo(9)
                .jsonPath("$.held").isEqualTo(0)
                .jsonPath("$.available").isEqualTo(9)
                .jsonPath("$.tier").isEqualTo("free")
                .jsonPath("$.dailyLimit").isEqualTo(3)
                .jsonPath("$.usedToday").isEqualTo(0);
    }

    @Test
    void consumeReturnsTheTransactionAndNewBalance() {
        String user = newUser();
        grant(user, 9);

        consume(user, UUID.randomUUID().toString(), Map.of("credits", 4, "service", "translation",
                "description", "chapter 1", "metadata", Map.of("chapter", 1)))
                .expectStatus().isOk()
                .expectBody().jsonPath("$.balance").isEqualTo(5).jsonPath("$.transactionId").isNotEmpty();
        // credits.consumed is in the outbox with the balance after the spend; 5 is not below the
        // low-balance threshold of 5, so no credits.low until the next spend.
        assertThat(queryLong("SELECT (event->'data'->>'balance')::bigint FROM outbox WHERE key = ? "
                + "AND event->>'type' = 'credits.consumed'", user)).isEqualTo(5);
        assertThat(queryLong("SELECT count(*) FROM outbox WHERE key = ? AND event->>'type' = 'credits.low'", user))
                .isZero();
        consume(user, UUID.randomUUID().toString(), Map.of("credits", 1, "service", "translation"))
                .expectStatus().isOk();
        assertThat(queryLong("SELECT (event->'data'->>'balance')::bigint FROM outbox WHERE key = ? "
                + "AND event->>'type' = 'credits.low'", user)).isEqualTo(4);
    }

    @Test
    void theSameIdempotencyKeyConsumesOnceAndAnotherBodyIs409() {
        String user = newUser();
        grant(user, 9);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("credits", 4, "service", "translation");

        String first = consume(user, key, body).expectStatus().isOk().expectBody(Map.class).returnResult()
                .getResponseBody().get("transactionId").toString();
        String again = consume(user, key, body).expectStatus().isOk().expectBody(Map.class).returnResult()
                .getResponseBody().get("transactionId").toString();

        assertThat(again).isEqualTo(first);
        assertThat(balance(user).balance()).isEqualTo(5);
        consume(user, key, Map.of("credits", 5, "service", "translation")).expectStatus().isEqualTo(409);
        assertThat(balance(user).balance()).isEqualTo(5);
    }

    @Test
    void consumeWithoutIdempotencyKeyIsRefused() {
        String user = newUser();
        grant(user, 9);
        http.post().uri("/api/v1/credits/consume").header("Authorization", "Bearer " + tokenFor(user))
                .bodyValue(Map.of("credits", 1, "service", "translation"))
                .exchange().expectStatus().isBadRequest();
        assertThat(balance(user).balance()).isEqualTo(9);
    }

    @Test
    void insufficientCreditsIs402ProblemJson() {
        String user = newUser();
        grant(user, 2);
        consume(user, UUID.randomUUID().toString(), Map.of("credits", 3, "service", "translation"))
                .expectStatus().isEqualTo(402)
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.code").isEqualTo("insufficient_credits");
    }

    @Test
    void invalidBodiesAre422NamingTheField() {
        String user = newUser();
        consume(user, UUID.randomUUID().toString(), Map.of("credits", -1, "service", "translation"))
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("credits");
        consume(user, UUID.randomUUID().toString(), Map.of("credits", 1, "service", "Not A Service!"))
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("service");
    }

    @Test
    void noTokenIs401() {
        http.get().uri("/api/v1/credits/balance").exchange().expectStatus().isUnauthorized();
    }

    @Test
    @SuppressWarnings("unchecked")
    void historyIsTheUsersOwnNewestFirstInPages() {
        String user = newUser();
        grant(user, 20);
        for (int i = 1; i <= 4; i++) {
            consume(user, UUID.randomUUID().toString(), Map.of("credits", i, "service", "translation"))
                    .expectStatus().isOk();
        }
        String stranger = newUser();
        grant(stranger, 5);

        Map<?, ?> page1 = get(user, "/api/v1/credits/transactions?limit=3").expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        List<Object> items1 = (List<Object>) page1.get("items");
        assertThat(items1).hasSize(3);
        assertThat(items1).extracting(i -> (Object) ((Number) ((Map<?, ?>) i).get("amount")).intValue()).containsExactly(-4, -3, -2);
        assertThat(items1).extracting(i -> (Object) ((Number) ((Map<?, ?>) i).get("balance")).intValue()).containsExactly(10, 14, 17);

        Map<?, ?> page2 = get(user, "/api/v1/credits/transactions?limit=3&cursor=" + page1.get("nextCursor"))
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        List<Object> items2 = (List<Object>) page2.get("items");
        assertThat(items2).extracting(i -> (Object) ((Number) ((Map<?, ?>) i).get("amount")).intValue()).containsExactly(-1, 20);
        assertThat(page2.get("nextCursor")).isNull();

        get(user, "/api/v1/credits/transactions?cursor=garbage").expectStatus().isBadRequest();
    }

    @Test
    void adminsSeeAndGrantWithinTheirTenantOnly() {
        String user = newUser();
        grant(user, 1);
        String admin = TestTokens.admin("admin-" + UUID.randomUUID()).clock(clock).sign();

        http.post().uri("/api/v1/admin/credits/" + user + "/grant")
                .header("Authorization", "Bearer " + admin)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .bodyValue(Map.of("credits", 25, "reason", "support goodwill"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.balance").isEqualTo(26);
        http.get().uri("/api/v1/admin/credits/" + user).header("Authorization", "Bearer " + admin)
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.balance.balance").isEqualTo(26)
                .jsonPath("$.recentTransactions[0].amount").isEqualTo(25);

        String otherTenantAdmin = TestTokens.admin("admin-b").tenant("tenant-b").clock(clock).sign();
        http.get().uri("/api/v1/admin/credits/" + user).header("Authorization", "Bearer " + otherTenantAdmin)
                .exchange().expectStatus().isNotFound();
        get(user, "/api/v1/admin/credits/" + user).expectStatus().isForbidden();
    }

    /** The console's Users page: a user's whole ledger, a page at a time, for their tenant's admins only. */
    @Test
    void adminsPageThroughAUsersWholeLedger() {
        String user = newUser();
        for (int i = 1; i <= 3; i++) {
            grant(user, i);
        }
        String admin = TestTokens.admin("admin-" + UUID.randomUUID()).clock(clock).sign();
        String path = "/api/v1/admin/credits/" + user + "/transactions";

        Map<?, ?> first = http.get().uri(path + "?limit=2").header("Authorization", "Bearer " + admin)
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<?>) first.get("items")).hasSize(2);
        Map<?, ?> second = http.get().uri(path + "?limit=2&cursor=" + first.get("nextCursor"))
                .header("Authorization", "Bearer " + admin)
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<?>) second.get("items")).hasSize(1);
        assertThat(second.get("nextCursor")).isNull();

        String otherTenantAdmin = TestTokens.admin("admin-b").tenant("tenant-b").clock(clock).sign();
        http.get().uri(path).header("Authorization", "Bearer " + otherTenantAdmin).exchange().expectStatus().isNotFound();
        get(user, path).expectStatus().isForbidden();
        http.get().uri(path + "?limit=0").header("Authorization", "Bearer " + admin).exchange().expectStatus().isBadRequest();
    }

    @Test
    void tiersArePublished() {
        get(newUser(), "/api/v1/credits/tiers").expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.tier == 'free')].dailyLimits.video-generation").isEqualTo(3)
                .jsonPath("$[?(@.tier == 'free')].startingCredits").isEqualTo(3)
                .jsonPath("$[?(@.tier == 'premium')].dailyLimits.video-generation").isEqualTo(50);
    }

    @Test
    void theInvariantCheckerFindsADeliberatelyCorruptedBalance() {
        String user = newUser();
        grant(user, 10);
        String admin = TestTokens.admin("admin-" + UUID.randomUUID()).clock(clock).sign();
        // Corrupt the stored balance behind the ledger's back.
        assertThat(execute("UPDATE account SET balance = balance + 7 WHERE user_id = ?", user)).isEqualTo(1);
        try {
            http.post().uri("/api/v1/admin/credits/audit").header("Authorization", "Bearer " + admin)
                    .exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.consistent").isEqualTo(false)
                    .jsonPath("$.mismatches[?(@.userId == '" + user + "')].storedBalance").isEqualTo(17)
                    .jsonPath("$.mismatches[?(@.userId == '" + user + "')].computedBalance").isEqualTo(10);
            get(user, "/actuator/prometheus").expectStatus().isOk().expectBody(String.class)
                    .value(metrics -> assertThat(metrics).containsPattern("credits_ledger_mismatches\\{[^}]*} [1-9]"));
        } finally {
            execute("UPDATE account SET balance = balance - 7 WHERE user_id = ?", user);
        }
    }

    /** Issue #10, item 8: an admin's audit covers their own tenant and says nothing about any other. */
    @Test
    void anAdminsAuditSeesOnlyTheirOwnTenant() {
        String elsewhere = newUser();
        ledger.post(new TransferRequest("test-grant:" + UUID.randomUUID(), "tenant-audit-b", elsewhere,
                TransferKind.ADMIN_GRANT, 10, "test funding", Map.of(), null)).block();
        String admin = TestTokens.admin("admin-" + UUID.randomUUID()).clock(clock).sign();
        String otherTenantAdmin = TestTokens.admin("admin-b").tenant("tenant-audit-b").clock(clock).sign();
        assertThat(execute("UPDATE account SET balance = balance + 7 WHERE user_id = ?", elsewhere)).isEqualTo(1);
        try {
            String report = http.post().uri("/api/v1/admin/credits/audit").header("Authorization", "Bearer " + admin)
                    .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
            assertThat(report).doesNotContain(elsewhere).doesNotContain("tenant-audit-b");

            http.post().uri("/api/v1/admin/credits/audit").header("Authorization", "Bearer " + otherTenantAdmin)
                    .exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.consistent").isEqualTo(false)
                    .jsonPath("$.mismatches[?(@.userId == '" + elsewhere + "')].storedBalance").isEqualTo(17);
        } finally {
            execute("UPDATE account SET balance = balance - 7 WHERE user_id = ?", elsewhere);
        }
    }

    /** Issue #10, item 14: a ledger line's purpose is its {@code description} everywhere; grants still take {@code reason}. */
    @Test
    void aGrantTakesADescriptionLikeEveryOtherLedgerLine() {
        String user = newUser();
        String admin = TestTokens.admin("admin-" + UUID.randomUUID()).clock(clock).sign();

        http.post().uri("/api/v1/admin/credits/" + user + "/grant")
                .header("Authorization", "Bearer " + admin)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .bodyValue(Map.of("credits", 5, "description", "launch bonus"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.balance").isEqualTo(5);

        get(user, "/api/v1/credits/transactions").expectStatus().isOk().expectBody()
                .jsonPath("$.items[0].description").isEqualTo("launch bonus");
        http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.components.schemas.GrantRequest.properties.description.description")
                .value(text -> assertThat(text.toString()).contains("`reason` is accepted"));
    }

    private WebTestClient.ResponseSpec get(String user, String path) {
        return http.get().uri(path).header("Authorization", "Bearer " + tokenFor(user)).exchange();
    }

    private WebTestClient.ResponseSpec consume(String user, String key, Map<String, Object> body) {
        return http.post().uri("/api/v1/credits/consume")
                .header("Authorization", "Bearer " + tokenFor(user))
                .header("Idempotency-Key", key)
                .bodyValue(body)
                .exchange();
    }
}
