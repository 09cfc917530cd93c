package io.plinth.console.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;

import io.plinth.console.form.Times;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** The header names the operator by email, remembered at sign-in for that user only; times read as an operator says them. */
class SessionCookiesTest {

    @Test
    void theRememberedEmailNamesOnlyTheUserItWasRememberedFor() {
        MockServerWebExchange signIn = MockServerWebExchange.from(MockServerHttpRequest.post("http://console/console/login"));
        SessionCookies.storeWho(signIn, "u-1", "ada@example.com");
        ResponseCookie who = signIn.getResponse().getCookies().getFirst(SessionCookies.WHO);
        assertThat(who).isNotNull();
        assertThat(who.isHttpOnly()).isTrue();
        assertThat(who.getSameSite()).isEqualTo("Strict");
        assertThat(who.getValue()).doesNotContain("@");

        MockServerWebExchange page = MockServerWebExchange.from(MockServerHttpRequest.get("http://console/console")
                .cookie(new HttpCookie(SessionCookies.WHO, who.getValue())));
        assertThat(SessionCookies.who(page, "u-1")).isEqualTo("ada@example.com");
        assertThat(SessionCookies.who(page, "u-2")).as("another user's session").isNull();
        MockServerWebExchange forged = MockServerWebExchange.from(MockServerHttpRequest.get("http://console/console")
                .cookie(new HttpCookie(SessionCookies.WHO, "%%not-base64%%")));
        assertThat(SessionCookies.who(forged, "u-1")).isNull();

        Operator unnamed = new Operator("t", "u-1", null, Set.of("ADMIN"), Instant.EPOCH);
        assertThat(unnamed.displayName()).isEqualTo("u-1");
        assertThat(unnamed.withEmail(SessionCookies.who(page, "u-1")).displayName()).isEqualTo("ada@example.com");
    }

    @Test
    void signingOutForgetsTheName() {
        MockServerWebExchange out = MockServerWebExchange.from(MockServerHttpRequest.post("http://console/console/logout"));
        SessionCookies.clear(out);
        assertThat(out.getResponse().getCookies().getFirst(SessionCookies.WHO).getMaxAge()).isZero();
    }

    @Test
    void timesReadInUtcWithSeconds() {
        assertThat(new Times().readable(Instant.parse("2026-11-25T14:03:07.123456Z"))).isEqualTo("25 Nov 2026, 14:03:07 UTC");
        assertThat(new Times().readable(null)).isEqualTo("—");
    }
}
