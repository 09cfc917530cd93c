package io.plinth.credit;

import static org.assertj.core.api.Assertions.assertThat;

import io.plinth.credit.refusal.CreditException;
import io.plinth.credit.refusal.Refusal;
import io.plinth.web.Problem;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one place refusals become HTTP: every refusal has a status, and the code and Retry-After survive. */
class CreditProblemMappingTest {

    private final CreditProblemMapping mapping = new CreditProblemMapping();

    @Test
    void everyRefusalBecomesAClientOrAvailabilityProblemWithItsCode() {
        for (Refusal reason : Refusal.values()) {
            Problem problem = mapping.toProblem(new CreditException(reason, "because"));
            assertThat(problem.code()).isEqualTo(reason.code());
            assertThat(problem.status()).as(reason.name()).isBetween(400, 503).isNotEqualTo(500);
            assertThat(problem.detail()).isEqualTo("because");
        }
    }

    @Test
    void theStatusesClientsRelyOn() {
        assertThat(mapping.toProblem(CreditException.insufficientCredits(5, 3)).status()).isEqualTo(402);
        Problem limit = mapping.toProblem(CreditException.dailyLimitReached("video-generation", 3, 30));
        assertThat(limit.status()).isEqualTo(429);
        assertThat(limit.headers()).containsEntry("Retry-After", "30");
        assertThat(mapping.toProblem(CreditException.walletBusy()).headers()).containsEntry("Retry-After", "1");
        assertThat(mapping.toProblem(new CreditException(Refusal.AUTH_UNAVAILABLE, "down", Duration.ofSeconds(5)))
                .status()).isEqualTo(503);
    }

    @Test
    void otherErrorsAreLeftToThePlatform() {
        assertThat(mapping.toProblem(new IllegalStateException("internal"))).isNull();
    }
}
