package io.plinth.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    @TempDir
    Path dir;

    @Test
    void keepsTheExceptionMessagesAndDropsTheStackFrames() throws Exception {
        Path log = Files.writeString(dir.resolve("svc.log"), String.join("\n",
                "INFO started",
                "org.springframework.context.ApplicationContextException: Failed to start bean",
                "\tat org.springframework.Foo.bar(Foo.java:1)",
                "\tat org.springframework.Foo.baz(Foo.java:2)",
                "Caused by: java.net.ConnectException: Connection refused",
                "\tat java.base/sun.nio.ch.Net.connect(Net.java:3)",
                "\t... 21 common frames omitted",
                ""));

        assertThat(LogTail.lastMeaningfulLines(log, 12)).containsExactly(
                "INFO started",
                "org.springframework.context.ApplicationContextException: Failed to start bean",
                "Caused by: java.net.ConnectException: Connection refused");
    }

    @Test
    void rendersStructuredJsonLinesAsLevelMessageAndError() throws Exception {
        Path log = Files.writeString(dir.resolve("ecs.log"), String.join("\n",
                "{\"@timestamp\":\"2026-11-23T10:13:26Z\",\"log\":{\"level\":\"INFO\",\"logger\":\"x\"},"
                        + "\"message\":\"Starting CreditServiceApplication\",\"ecs\":{\"version\":\"8.11\"}}",
                "{\"@timestamp\":\"2026-11-23T10:13:27Z\",\"log\":{\"level\":\"ERROR\",\"logger\":\"y\"},"
                        + "\"message\":\"Application run failed\",\"error\":{\"type\":\"org.example.BeanCreationException\","
                        + "\"message\":\"Validate failed\\nMigration checksum mismatch for \\\"V1\\\"\","
                        + "\"stack_trace\":\"org.example.BeanCreationException\\n\\tat org.example.A.b(A.java:1)\"}}",
                ""));

        assertThat(LogTail.lastMeaningfulLines(log, 12)).containsExactly(
                "INFO Starting CreditServiceApplication",
                "ERROR Application run failed",
                "  org.example.BeanCreationException: Validate failed",
                "  Migration checksum mismatch for \"V1\"");
    }

    @Test
    void readsOnlyTheEndOfALargeLog() throws Exception {
        String lines = IntStream.rangeClosed(1, 50_000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        Path log = Files.writeString(dir.resolve("big.log"), lines);

        assertThat(LogTail.lastLines(log, 3)).containsExactly("line 49998", "line 49999", "line 50000");
    }

    @Test
    void aMissingLogHasNoLines() {
        assertThat(LogTail.lastLines(dir.resolve("none.log"), 5)).isEmpty();
    }
}
