package io.plinth.client;

import static io.plinth.client.Fixtures.CROSS_AUTH;
import static io.plinth.client.Fixtures.CROSS_CONSUME;
import static org.assertj.core.api.Assertions.assertThat;

import io.plinth.client.GatewayStub.Answer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** With every log level on, retries and renewals are logged by method and path, never with a secret. */
class NoSecretsLoggedTest {

    @Test
    void keysTokensAndPasswordsNeverReachTheLog() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger("io.plinth.client");
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage() + " " + record.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
        try (GatewayStub stub = new GatewayStub()) {
            stub.on(CROSS_AUTH, Answer.dropped(), Fixtures.appSession("session-secret-token", 900),
                    Fixtures.appSession("session-secret-token-2", 900));
            stub.on(CROSS_CONSUME, Answer.problem(503, "service_unavailable", "down").withHeader("Retry-After", "0"),
                    Answer.problem(401, "invalid_token", "expired"),
                    Answer.json(200, "{\"newBalance\":1,\"transactionId\":\"t\"}"));
            PlinthClient partner = Fixtures.client(stub).appId("app-1").apiKey("pk_super_secret").build();

            AppSession session = partner.signInUser("ada@example.com", "password-secret");
            session.consume(1, "quiz-hints");
            String everything = String.join("\n", lines) + partner + session;

            assertThat(lines).isNotEmpty();
            assertThat(everything).contains("/api/v1/cross-app/credits/consume")
                    .doesNotContain("pk_super_secret", "session-secret-token", "password-secret");
        } finally {
            logger.removeHandler(handler);
        }
    }
}
