package io.plinth.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Keeps a service's README honest about readiness: its line {@code Readiness group: `a`, `b` — why}
 * names exactly the health components {@code /actuator/health/readiness} of the running service
 * reports, no more (a contributor that would pull the service out of routing for something it can
 * work through) and no fewer (a declared member that is misspelt or not registered, which Boot skips
 * silently).
 */
public final class ReadinessGroup {

    static final String MARKER = "Readiness group:";
    private static final Pattern NAME = Pattern.compile("`([A-Za-z0-9_.-]+)`");

    private ReadinessGroup() {
    }

    /** The members the README in the test's working directory (the module, under Maven) declares. */
    public static Set<String> declaredInReadme() {
        return declaredIn(Path.of("README.md"));
    }

    /** The back-quoted names on the README's {@value #MARKER} line, before its explanation (after " — "). */
    static Set<String> declaredIn(Path readme) {
        List<String> lines;
        try {
            lines = Files.readAllLines(readme);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + readme.toAbsolutePath(), e);
        }
        List<String> declarations = lines.stream()
                .map(line -> line.replace("*", "").strip())
                .filter(line -> line.startsWith(MARKER))
                .toList();
        if (declarations.size() != 1) {
            throw new AssertionError(readme.toAbsolutePath() + " must have exactly one line starting with '"
                    + MARKER + "', has " + declarations.size());
        }
        String members = declarations.get(0).substring(MARKER.length()).split(" — ", 2)[0];
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = NAME.matcher(members);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** The running service's readiness group is UP and has exactly the README's members. */
    @SuppressWarnings("unchecked")
    public static void assertServedAsDeclared(WebTestClient http) {
        Set<String> declared = declaredInReadme();
        assertThat(declared).as("members declared in README.md").isNotEmpty();
        http.get().uri("/actuator/health/readiness")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components").value(components -> assertThat(((Map<String, Object>) components).keySet())
                        .as("components of /actuator/health/readiness against README.md's '" + MARKER + "' line")
                        .containsExactlyInAnyOrderElementsOf(declared));
    }
}
