package io.plinth.gateway.problem;

import java.net.ConnectException;
import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.plinth.web.Problem;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.cloud.gateway.support.TimeoutException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.netty.http.client.PrematureCloseException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemMapperTest {

    private final ProblemMapper mapper = new ProblemMapper(Duration.ofSeconds(5), Duration.ofSeconds(30));

    @Test
    void anAbsentServiceIs503WithRetryAfter() {
        Problem problem = mapper.toProblem(NotFoundException.create(false, "Unable to find instance"),
                "payment-service");

        assertUnavailable(problem, "5");
        assertThat(problem.detail()).contains("payment-service");
    }

    @Test
    void aRefusedOrDroppedConnectionIs503() {
        assertUnavailable(mapper.toProblem(new ConnectException("Connection refused"), "video-service"), "5");
        assertUnavailable(mapper.toProblem(wrapped(new ConnectException("refused")), "video-service"), "5");
        assertUnavailable(mapper.toProblem(PrematureCloseException.TEST_EXCEPTION, "video-service"), "5");
    }

    @Test
    void aSlowServiceIs503() {
        ResponseStatusException timeout = new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "Response took longer",
                new TimeoutException("Response took longer than timeout: PT10S"));

        Problem problem = mapper.toProblem(timeout, "credit-service");

        assertUnavailable(problem, "5");
        assertThat(problem.detail()).contains("time limit");
    }

    @Test
    void anOpenBreakerAdvisesItsWait() {
        CallNotPermittedException rejected = CallNotPermittedException.createCallNotPermittedException(
                CircuitBreaker.ofDefaults("video-service"));

        assertUnavailable(mapper.toProblem(rejected, "video-service"), "30");
        assertUnavailable(mapper.toProblem(new ServiceUnavailableException(), "video-service"), "30");
    }

    @Test
    void anUnexpectedFailureWhileRoutedIsStillA503() {
        assertUnavailable(mapper.toProblem(new IllegalStateException("odd"), "auth-service"), "5");
    }

    @Test
    void anUnexpectedFailureOutsideRoutingIsA500WithoutInternals() {
        Problem problem = mapper.toProblem(new IllegalStateException("secret internals"), null);

        assertThat(problem.status()).isEqualTo(500);
        assertThat(problem.code()).isEqualTo("internal_error");
        assertThat(problem.detail()).doesNotContain("secret");
    }

    @Test
    void clientErrorsKeepTheirStatus() {
        assertThat(mapper.toProblem(new ResponseStatusException(HttpStatus.NOT_FOUND), null))
                .extracting(Problem::status, Problem::code)
                .containsExactly(404, "not_found");
        assertThat(mapper.toProblem(new ResponseStatusException(HttpStatus.METHOD_NOT_ALLOWED), null).code())
                .isEqualTo("method_not_allowed");
        assertThat(mapper.toProblem(new DataBufferLimitException("too big"), null))
                .extracting(Problem::status, Problem::code)
                .containsExactly(413, "payload_too_large");
    }

    @Test
    void aGatewayProblemIsRenderedAsIs() {
        Problem tooLarge = GatewayProblems.payloadTooLarge(1024);

        assertThat(mapper.toProblem(tooLarge.exception(), null)).isEqualTo(tooLarge);
    }

    private static void assertUnavailable(Problem problem, String retryAfter) {
        assertThat(problem.status()).isEqualTo(503);
        assertThat(problem.code()).isEqualTo("service_unavailable");
        assertThat(problem.headers()).containsEntry(HttpHeaders.RETRY_AFTER, retryAfter);
    }

    private static RuntimeException wrapped(Exception cause) {
        return new RuntimeException("io failure", cause);
    }
}
