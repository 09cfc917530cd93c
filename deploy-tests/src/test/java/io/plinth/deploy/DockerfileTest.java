package io.plinth.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one image recipe: built from source, layered, pinned, unprivileged, health-checked, container-aware. */
class DockerfileTest {

    private final List<String> lines = instructions();
    private final String text = String.join("\n", lines);

    @Test
    void buildsTheModuleFromSourceWithTheWrapperAndShipsItsLayers() {
        assertThat(lines.stream().filter(l -> l.startsWith("FROM "))).as("multi-stage").hasSize(2);
        assertThat(text).contains("./mvnw -B -ntp -pl \"${MODULE}\" -am package")
                .contains("-Djarmode=tools").contains("extract --layers --launcher");
        for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
            assertThat(text).contains("COPY --from=build /layers/" + layer + "/ ./");
        }
        assertThat(lines).contains("ENTRYPOINT [\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]");
    }

    @Test
    void pinsItsBaseImages() {
        Matcher args = Pattern.compile("ARG (JDK|JRE)_IMAGE=(\\S+)").matcher(text);
        int pinned = 0;
        while (args.find()) {
            assertThat(args.group(2)).as("a full version, not a floating tag")
                    .matches("[a-z0-9./-]+:\\d+\\.\\d+\\.\\d+[_+.-]\\d+.*|[a-z0-9./-]+@sha256:[0-9a-f]{64}");
            pinned++;
        }
        assertThat(pinned).isEqualTo(2);
    }

    @Test
    void runsAsTheUnprivilegedUserThePodsExpect() throws IOException {
        Matcher user = Pattern.compile("(?m)^USER (\\d+):(\\d+)$").matcher(text);
        assertThat(user.find()).as("a numeric USER, so runAsNonRoot can verify it").isTrue();
        assertThat(Integer.parseInt(user.group(1))).isPositive();
        String hardening = Files.readString(Architecture.root().resolve("k8s/components/hardening/pod-hardening.yaml"));
        assertThat(hardening).contains("runAsUser: " + user.group(1)).contains("runAsGroup: " + user.group(2));
    }

    @Test
    void checksItsHealthAndSizesItsHeapFromTheContainer() {
        assertThat(text).contains("HEALTHCHECK").contains("/actuator/health/liveness")
                .contains("-XX:MaxRAMPercentage=").contains("-XX:+ExitOnOutOfMemoryError")
                .contains("-Djava.io.tmpdir=/tmp");
    }

    @Test
    void givesTheRendererAFontAndNoDisplay() {
        // video-service draws its title cards with AWT: text needs fontconfig and a font, and no display is there.
        assertThat(lines).anyMatch(l -> l.startsWith("RUN ") && l.contains("apt-get install")
                && l.contains("fontconfig") && l.contains("fonts-dejavu-core"));
        assertThat(text).contains("-Djava.awt.headless=true");
    }

    @Test
    void composePassesEachModuleItsHealthPort() {
        ComposeFile compose = ComposeFile.load();
        for (Architecture.Workload w : Architecture.platform()) {
            Map<String, Object> args = ComposeFile.map(ComposeFile.map(compose.service(w.name()), "build"), "args");
            assertThat(args).as(w.name()).containsEntry("MODULE", w.name())
                    .containsEntry("HEALTH_PORT", String.valueOf(w.metricsPort()));
        }
    }

    @Test
    void leavesSecretsAndBuildOutputOutOfTheContext() throws IOException {
        List<String> ignored = Files.readAllLines(Architecture.root().resolve(".dockerignore"));
        assertThat(ignored).contains(".env", ".git", "**/target", ".plinth");
    }

    /** The Dockerfile with comments dropped and continuation lines joined. */
    private static List<String> instructions() {
        try {
            String raw = Files.readString(Architecture.root().resolve("Dockerfile"));
            String joined = raw.replaceAll("(?m)^\\s*#.*\\n", "").replaceAll("\\\\\\n\\s*", " ");
            return joined.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
