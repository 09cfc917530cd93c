package io.plinth.platform.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CallbackTokensTest {

    @Test
    void aTokenVerifiesWithItsSecretAndNamesItsReference() {
        String token = CallbackTokens.issue("mpesa-secret", "pay_123-abc");

        assertThat(token).startsWith("pay_123-abc.").matches("[A-Za-z0-9_.-]+");
        assertThat(CallbackTokens.verify(List.of("mpesa-secret"), token)).contains("pay_123-abc");
    }

    @Test
    void eitherActiveSecretVerifiesDuringRotation() {
        String old = CallbackTokens.issue("old-secret", "pay_1");

        assertThat(CallbackTokens.verify(List.of("new-secret", "old-secret"), old)).contains("pay_1");
        assertThat(CallbackTokens.verify(List.of("new-secret"), old)).isEmpty();
    }

    @Test
    void forgedAlteredAndMalformedTokensAreRefused() {
        String token = CallbackTokens.issue("s", "pay_1");
        String otherReference = "pay_2" + token.substring(token.indexOf('.'));

        assertThat(CallbackTokens.verify(List.of("s"), otherReference)).isEmpty();
        assertThat(CallbackTokens.verify(List.of("s"), token + "x")).isEmpty();
        assertThat(CallbackTokens.verify(List.of("s"), "pay_1")).isEmpty();
        assertThat(CallbackTokens.verify(List.of("s"), ".abc")).isEmpty();
        assertThat(CallbackTokens.verify(List.of("s"), "pay 1.abc")).isEmpty();
        assertThat(CallbackTokens.verify(List.of("s"), "pay_1.***")).isEmpty();
        assertThat(CallbackTokens.verify(List.of("s"), "a".repeat(500))).isEmpty();
        assertThat(CallbackTokens.verify(List.of("s"), null)).isEmpty();
        assertThatThrownBy(() -> CallbackTokens.issue("s", "../etc")).isInstanceOf(IllegalArgumentException.class);
    }
}
