package io.plinth.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadinessGroupTest {

    @TempDir
    Path dir;

    @Test
    void readsTheBackQuotedMembersBeforeTheExplanation() throws IOException {
        Path readme = readme("""
                # some-service

                **Readiness group:** `readinessState`, `r2dbc` — its database. Not `kafka`: events wait in the outbox.
                """);

        assertThat(ReadinessGroup.declaredIn(readme)).containsExactly("readinessState", "r2dbc");
    }

    @Test
    void aReadmeWithoutTheLineOrWithTwoIsRefused() throws IOException {
        Path none = readme("# some-service\n\nReadiness is the database.\n");
        Path two = readme("Readiness group: `r2dbc`\nReadiness group: `kafka`\n");

        assertThatThrownBy(() -> ReadinessGroup.declaredIn(none)).hasMessageContaining("has 0");
        assertThatThrownBy(() -> ReadinessGroup.declaredIn(two)).hasMessageContaining("has 2");
    }

    private Path readme(String text) throws IOException {
        Path file = Files.createTempFile(dir, "README", ".md");
        return Files.writeString(file, text);
    }
}
