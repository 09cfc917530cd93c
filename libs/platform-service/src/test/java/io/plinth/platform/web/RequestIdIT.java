package io.plinth.platform.web;

import io.plinth.web.RequestIds;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.ParameterizedTypeReference;

import io.plinth.platform.web.testapp.PlatformWebIT;

@ExtendWith(OutputCaptureExtension.class)
class RequestIdIT extends PlatformWebIT {

    @Test
    void aSaneIncomingIdIsKeptAndEchoed() {
        client().get().uri("/test/items?limit=5").header(RequestIds.HEADER, "gw-1234.abc")
                .exchange().expectStatus().isOk()
                .expectHeader().valueEquals(RequestIds.HEADER, "gw-1234.abc");
    }

    @Test
    void anIdThatIsTooLongOrHasSpacesIsReplaced() {
        String tooLong = "a".repeat(129);
        String echoed = client().get().uri("/test/items?limit=5").header(RequestIds.HEADER, tooLong)
                .exchange().expectStatus().isOk().returnResult(String.class).getResponseHeaders()
                .getFirst(RequestIds.HEADER);
        assertThat(echoed).isNotBlank().isNotEqualTo(tooLong).hasSizeLessThanOrEqualTo(128);

        String spaced = client().get().uri("/test/items?limit=5").header(RequestIds.HEADER, "evil\tid")
                .exchange().returnResult(String.class).getResponseHeaders().getFirst(RequestIds.HEADER);
        assertThat(spaced).isNotEqualTo("evil\tid").doesNotContain("\t");
    }

    @Test
    void errorsCarryTheIdInHeaderAndBody() {
        client().get().uri("/no/such/route").header(RequestIds.HEADER, "req-404")
                .exchange().expectStatus().isNotFound()
                .expectHeader().valueEquals(RequestIds.HEADER, "req-404")
                .expectBody().jsonPath("$.requestId").isEqualTo("req-404");
    }

    @Test
    void requestAndTraceIdsReachTheMdcAfterAThreadHopAndTheJsonLog(CapturedOutput output) {
        Map<String, String> mdc = client().get().uri("/test/mdc").header(RequestIds.HEADER, "req-mdc-1")
                .exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, String>>() { })
                .returnResult().getResponseBody();

        assertThat(mdc).containsEntry("requestId", "req-mdc-1");
        assertThat(mdc.get("traceId")).matches("[0-9a-f]{16,32}");
        assertThat(mdc.get("thread")).doesNotContain("reactor-http");
        String logLine = output.getOut().lines().filter(line -> line.contains("mdc probe after a thread hop"))
                .findFirst().orElseThrow();
        assertThat(logLine).startsWith("{").contains("\"requestId\":\"req-mdc-1\"")
                .contains("\"traceId\":\"" + mdc.get("traceId") + "\"");
    }
}
