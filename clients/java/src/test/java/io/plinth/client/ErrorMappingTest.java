package io.plinth.client;

import static io.plinth.client.Fixtures.BALANCE;
import static io.plinth.client.Fixtures.BALANCE_OK;
import static io.plinth.client.Fixtures.CONSUME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plinth.client.GatewayStub.Answer;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ErrorMappingTest extends SignedInTest {

    @Test
    void insufficientCreditsCarriesWhatWasAskedTheBalanceAndTheRequestId() {
        stub.on(CONSUME, Answer.problem(402, "insufficient_credits", "requested 9 credits but only 5 are available"));
        stub.on(BALANCE, Answer.json(200, BALANCE_OK));

        assertThatThrownBy(() -> ada.consume(9, "notes-export"))
                .isInstanceOfSatisfying(InsufficientCreditsException.class, e -> {
                    assertThat(e.required()).isEqualTo(9);
                    assertThat(e.balance()).hasValue(5);
                    assertThat(e.code()).isEqualTo("insufficient_credits");
                    assertThat(e.status()).isEqualTo(402);
                    assertThat(e.requestId()).contains("req-insufficient_credits");
                    assertThat(e.getMessage()).contains("requested 9 credits");
                });
    }

    @Test
    void aBalanceStatedByThePlatformIsTakenAsItIs() {
        stub.on(CONSUME, Answer.json(402, "{\"code\":\"insufficient_credits\",\"status\":402,\"available\":2}"));

        assertThatThrownBy(() -> ada.consume(9, "notes-export"))
                .isInstanceOfSatisfying(InsufficientCreditsException.class, e -> assertThat(e.balance()).hasValue(2));
        assertThat(stub.requests(BALANCE)).isEmpty();
    }

    @Test
    void fieldErrorsBecomeAValidationException() {
        stub.on("/api/v1/auth/register", Answer.json(422, "{\"code\":\"validation_failed\",\"status\":422,"
                + "\"detail\":\"invalid\",\"errors\":[{\"field\":\"password\",\"code\":\"too_short\",\"message\":\"too short\"}]}")
                .withHeader("X-Request-Id", "req-7"));

        assertThatThrownBy(() -> Fixtures.client(stub).build().register("ada@example.com", "short"))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.fieldErrors()).containsExactly(new FieldError("password", "too_short", "too short"));
                    assertThat(e.requestId()).contains("req-7");
                });
    }

    @Test
    void eachStatusHasItsType() {
        assertMapped(404, "not_found", NotFoundException.class);
        assertMapped(403, "forbidden", ForbiddenException.class);
        assertMapped(409, "hold_already_settled", ConflictException.class);
        assertMapped(429, "rate_limited", RateLimitedException.class);
        assertMapped(400, "malformed_json", ValidationException.class);
        assertMapped(418, "teapot", PlinthException.class);
    }

    private void assertMapped(int status, String code, Class<? extends PlinthException> type) {
        stub.on("/api/v1/credits/holds/h-1", Answer.problem(status, code, "refused").withHeader("Retry-After", "999"));

        assertThatThrownBy(() -> ada.holds().get("h-1"))
                .isExactlyInstanceOf(type)
                .satisfies(e -> assertThat(((PlinthException) e).code()).isEqualTo(code));
    }

    @Test
    void aBodyThatIsNotJsonStillGivesTheStatusAndRequestId() {
        stub.on(BALANCE, new Answer(502, "<html>bad gateway</html>", java.util.Map.of("X-Request-Id", "req-9"), false));
        UserSession once = Fixtures.client(stub).maxAttempts(1).build().login("ada@example.com", "pw");

        assertThatThrownBy(once::balance).isInstanceOfSatisfying(PlinthException.class, e -> {
            assertThat(e.code()).isEqualTo("http_502");
            assertThat(e.requestId()).contains("req-9");
        });
    }

    @Test
    void theAsyncTwinFailsWithTheSameTypedException() {
        stub.on(CONSUME, Answer.problem(402, "insufficient_credits", "no"));
        stub.on(BALANCE, Answer.json(200, BALANCE_OK));

        assertThatThrownBy(() -> ada.consumeAsync(9, "notes-export", null, null, null).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(InsufficientCreditsException.class);
    }
}
