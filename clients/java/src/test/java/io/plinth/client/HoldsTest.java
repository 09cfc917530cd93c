package io.plinth.client;

import static io.plinth.client.Fixtures.BALANCE;
import static io.plinth.client.Fixtures.BALANCE_OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plinth.client.GatewayStub.Answer;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HoldsTest extends SignedInTest {

    private static final String HOLDS = "/api/v1/credits/holds";
    private static final String CAPTURE = HOLDS + "/h-1/capture";
    private static final String RELEASE = HOLDS + "/h-1/release";

    @BeforeEach
    void script() {
        stub.on(HOLDS, Answer.json(201, hold("pending", 0)));
        stub.on(CAPTURE, Answer.json(200, hold("captured", 10)));
        stub.on(RELEASE, Answer.json(200, hold("released", 0)));
    }

    private static String hold(String state, long captured) {
        return "{\"holdId\":\"h-1\",\"userId\":\"u-1\",\"credits\":10,\"captured\":" + captured + ",\"released\":"
                + (10 - captured) + ",\"state\":\"" + state + "\",\"service\":\"video-generation\","
                + "\"expiresAt\":\"2026-11-25T12:15:00Z\",\"createdAt\":\"2026-11-25T12:00:00Z\"}";
    }

    @Test
    void aJobThatReturnsIsCaptured() {
        String result = ada.holds().run(10, "video-generation", hold -> {
            assertThat(hold.isPending()).isTrue();
            return "video-1";
        });

        assertThat(result).isEqualTo("video-1");
        assertThat(stub.requests(CAPTURE)).hasSize(1);
        assertThat(stub.requests(RELEASE)).isEmpty();
        assertThat(stub.requests(HOLDS)).singleElement().satisfies(r -> {
            assertThat(r.body()).contains("\"credits\":10", "\"service\":\"video-generation\"");
            assertThat(r.header("Idempotency-Key")).isNotBlank();
        });
    }

    @Test
    void aJobThatThrowsIsReleasedAndItsExceptionRethrown() {
        IOException boom = new IOException("renderer crashed");

        assertThatThrownBy(() -> ada.holds().run(HoldRequest.of(10, "video-generation"), hold -> {
            throw boom;
        })).isSameAs(boom);
        assertThat(stub.requests(RELEASE)).hasSize(1);
        assertThat(stub.requests(CAPTURE)).isEmpty();
    }

    @Test
    void aFailedReleaseIsAddedToTheJobsException() {
        stub.on(RELEASE, Answer.problem(409, "hold_expired", "too late"));
        IllegalStateException boom = new IllegalStateException("job failed");

        assertThatThrownBy(() -> ada.holds().run(10, "video-generation", hold -> {
            throw boom;
        })).isSameAs(boom);
        assertThat(boom.getSuppressed()).singleElement().isInstanceOf(ConflictException.class);
    }

    @Test
    void theJobDoesNotRunWithoutTheCredits() {
        stub.on(HOLDS, Answer.problem(402, "insufficient_credits", "no"));
        stub.on(BALANCE, Answer.json(200, BALANCE_OK));
        AtomicBoolean ran = new AtomicBoolean();

        assertThatThrownBy(() -> ada.holds().run(10, "video-generation", hold -> ran.getAndSet(true)))
                .isInstanceOfSatisfying(InsufficientCreditsException.class, e -> assertThat(e.required()).isEqualTo(10));
        assertThat(ran).isFalse();
        assertThat(stub.requests(CAPTURE)).isEmpty();
        assertThat(stub.requests(RELEASE)).isEmpty();
    }

    @Test
    void theAsyncHelperCapturesOnSuccessAndReleasesOnFailure() {
        String done = ada.holds().runAsync(HoldRequest.of(10, "video-generation"),
                hold -> CompletableFuture.completedFuture("ok")).join();
        CompletableFuture<String> failed = ada.holds().runAsync(HoldRequest.of(10, "video-generation"),
                hold -> CompletableFuture.failedFuture(new IllegalStateException("render failed")));

        assertThat(done).isEqualTo("ok");
        assertThatThrownBy(failed::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(IllegalStateException.class).hasRootCauseMessage("render failed");
        assertThat(stub.requests(CAPTURE)).hasSize(1);
        assertThat(stub.requests(RELEASE)).hasSize(1);
    }

    @Test
    void partialCaptureSendsTheAmountAndEachSettlementItsOwnKey() {
        ada.holds().capture("h-1", 6);
        ada.holds().capture("h-1");

        var captures = stub.requests(CAPTURE);
        assertThat(captures.get(0).body()).isEqualTo("{\"credits\":6}");
        assertThat(captures.get(1).body()).isEqualTo("{}");
        assertThat(captures.get(0).header("Idempotency-Key")).isNotEqualTo(captures.get(1).header("Idempotency-Key"));
    }
}
