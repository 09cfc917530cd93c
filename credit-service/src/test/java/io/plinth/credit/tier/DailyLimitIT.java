package io.plinth.credit.tier;

import static org.assertj.core.api.Assertions.assertThat;

import io.plinth.credit.support.IntegrationTestBase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Tier limits per metered service, counted per UTC day in the transaction of the spend. */
class DailyLimitIT extends IntegrationTestBase {

    @Autowired
    TierStore tiers;

    /** 30 seconds before the next UTC midnight. */
    private Instant justBeforeMidnight() {
        return LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(30);
    }

    @Test
    void theFourthFreeGenerationOfADayIs429UntilMidnightUtc() {
        String user = newUser();
        grant(user, 20);
        clock.pin(justBeforeMidnight());

        for (int i = 0; i < 3; i++) {
            generate(user).expectStatus().isOk();
        }
        generate(user).expectStatus().isEqualTo(429)
                .expectHeader().valueEquals("Retry-After", "30")
                .expectBody().jsonPath("$.code").isEqualTo("daily_limit_reached");
        assertThat(balance(user).balance()).as("the refused generation costs nothing").isEqualTo(17);
        assertThat(balance(user).usedToday()).isEqualTo(3);

        clock.advance(Duration.ofSeconds(29));
        generate(user).expectStatus().isEqualTo(429).expectHeader().valueEquals("Retry-After", "1");

        clock.advance(Duration.ofSeconds(1));
        generate(user).expectStatus().isOk();
        assertThat(balance(user).usedToday()).isEqualTo(1);
    }

    @Test
    void otherServicesAreNotLimited() {
        String user = newUser();
        grant(user, 20);
        for (int i = 0; i < 5; i++) {
            consume(user, "translation").expectStatus().isOk();
        }
    }

    @Test
    void proUsersGetTwentyGenerationsADay() {
        String user = newUser();
        grant(user, 50);
        tiers.activate(TENANT, user, Tier.PRO, "sub_" + user, Instant.now()).block();
        clock.pin(justBeforeMidnight());

        for (int i = 0; i < 20; i++) {
            generate(user).expectStatus().isOk();
        }
        generate(user).expectStatus().isEqualTo(429);
        assertThat(balance(user).dailyLimit()).isEqualTo(20);
    }

    @Test
    void holdsForGenerationsCountAndAFailedOneGivesItsSlotBack() {
        String user = newUser();
        grant(user, 20);
        clock.pin(justBeforeMidnight().minus(Duration.ofHours(1)));
        String first = null;
        for (int i = 0; i < 3; i++) {
            String id = hold(user).expectStatus().isCreated().expectBody(Map.class).returnResult()
                    .getResponseBody().get("holdId").toString();
            first = first == null ? id : first;
        }
        hold(user).expectStatus().isEqualTo(429);

        http.post().uri("/api/v1/credits/holds/" + first + "/release")
                .header("Authorization", "Bearer " + tokenFor(user))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .exchange().expectStatus().isOk();

        hold(user).expectStatus().isCreated();
    }

    private WebTestClient.ResponseSpec generate(String user) {
        return consume(user, TierPolicy.VIDEO_GENERATION);
    }

    private WebTestClient.ResponseSpec consume(String user, String service) {
        return http.post().uri("/api/v1/credits/consume")
                .header("Authorization", "Bearer " + tokenFor(user))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .bodyValue(Map.of("credits", 1, "service", service))
                .exchange();
    }

    private WebTestClient.ResponseSpec hold(String user) {
        return http.post().uri("/api/v1/credits/holds")
                .header("Authorization", "Bearer " + tokenFor(user))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .bodyValue(Map.of("credits", 1, "service", TierPolicy.VIDEO_GENERATION))
                .exchange();
    }
}
