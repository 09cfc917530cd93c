package io.plinth.integration.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How SendGrid's answers to {@code GET /v3/scopes} are read. */
class SendGridKeyProbeTest {

    @Test
    void readsSendGridsAnswers() {
        assertThat(SendGridKeyProbe.answer(200, "{\"scopes\":[\"mail.send\",\"scopes.read\"]}").ok()).isTrue();
        assertThat(SendGridKeyProbe.answer(200, "{\"scopes\":[\"scopes.read\"]}").message()).contains("mail.send");
        assertThat(SendGridKeyProbe.answer(401, "{\"errors\":[{\"field\":null,\"message\":\"authorization required\"}]}"))
                .extracting(SendGridKeyProbe.Answer::ok, SendGridKeyProbe.Answer::message)
                .containsExactly(false, "SendGrid refused the API key (401): authorization required");
        assertThat(SendGridKeyProbe.answer(200, "<html>not json</html>").ok()).isFalse();
        assertThat(SendGridKeyProbe.answer(200, "").ok()).isFalse();
        assertThat(SendGridKeyProbe.answer(503, "{}").message()).isEqualTo("SendGrid answered 503.");
    }
}
