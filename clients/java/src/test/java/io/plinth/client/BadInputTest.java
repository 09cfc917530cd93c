package io.plinth.client;

import static io.plinth.client.Fixtures.LOGIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Arguments the platform would refuse are refused here first, and nothing is sent. */
class BadInputTest extends SignedInTest {

    @AfterEach
    void nothingWasSentButTheLogin() {
        assertThat(stub.requests()).singleElement().satisfies(r -> assertThat(r.path()).isEqualTo(LOGIN));
    }

    @Test
    void amountsMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> ada.consume(0, "notes-export")).withMessageContaining("credits");
        assertThatIllegalArgumentException().isThrownBy(() -> ada.consume(-5, "notes-export"));
        assertThatIllegalArgumentException().isThrownBy(() -> ada.consumeAsync(-1, "notes-export", null, null, null));
        assertThatIllegalArgumentException().isThrownBy(() -> ada.canAfford(0));
        assertThatIllegalArgumentException().isThrownBy(() -> ada.holds().reserve(0, "video-generation"));
        assertThatIllegalArgumentException().isThrownBy(() -> ada.holds().capture("h-1", -1));
        assertThatIllegalArgumentException().isThrownBy(() -> ada.admin().grantCredits("u-1", 0, "promo"));
        assertThatIllegalArgumentException().isThrownBy(() -> HoldRequest.of(5, "x").withExpiresIn(Duration.ofSeconds(-1)));
    }

    @Test
    void namesMustNotBeBlankOrMissing() {
        assertThatIllegalArgumentException().isThrownBy(() -> ada.consume(1, " ")).withMessageContaining("service");
        assertThatIllegalArgumentException().isThrownBy(() -> ada.consume(1, null));
        assertThatIllegalArgumentException().isThrownBy(() -> ada.holds().reserve(1, ""));
        assertThatIllegalArgumentException().isThrownBy(() -> ada.holds().release(" "));
        assertThatIllegalArgumentException().isThrownBy(() -> ada.holds().reserve(null));
        assertThatIllegalArgumentException().isThrownBy(() -> ada.holds().run(1, "x", null));
    }

    @Test
    void idempotencyKeysMustBeWhatThePlatformAccepts() {
        assertThatIllegalArgumentException().isThrownBy(() -> ada.consume(1, "notes-export", null, null, "two words"));
        assertThatIllegalArgumentException().isThrownBy(() -> ada.consume(1, "notes-export", null, null, "k".repeat(256)));
        assertThatIllegalArgumentException().isThrownBy(() -> ada.consume(1, "notes-export", null, null, ""));
    }

    @Test
    void theBaseUrlMustBeHttpOrHttps() {
        assertThatIllegalArgumentException().isThrownBy(() -> PlinthClient.builder().baseUrl("ftp://example.com"));
        assertThatIllegalArgumentException().isThrownBy(() -> PlinthClient.builder().baseUrl("localhost:8080"));
        assertThatIllegalArgumentException().isThrownBy(() -> PlinthClient.builder().baseUrl("http://"));
        assertThatIllegalArgumentException().isThrownBy(() -> PlinthClient.builder().baseUrl(" "));
        assertThatIllegalArgumentException().isThrownBy(() -> PlinthClient.builder().baseUrl("http://user:secret@example.com"))
                .withMessageNotContaining("secret");
        assertThatIllegalArgumentException().isThrownBy(() -> PlinthClient.builder().build());
        assertThatIllegalArgumentException().isThrownBy(() -> PlinthClient.builder().baseUrl("https://example.com").appId("a").build());
        assertThat(PlinthClient.builder().baseUrl("https://api.example.com/").build()).isNotNull();
    }

    @Test
    void signingUsersInNeedsAPartnerAppClient() {
        assertThatIllegalStateException().isThrownBy(() -> Fixtures.client(stub).build().signInUser("ada@example.com", "pw"));
        assertThatIllegalArgumentException().isThrownBy(() -> Fixtures.client(stub).build().login("ada@example.com", ""));
    }
}
