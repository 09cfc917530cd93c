package io.plinth.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Renders a kustomization the way {@code kubectl apply -k} would ({@code kubectl kustomize}, offline) and parses
 * the result into fabric8's typed model. Each directory is rendered once per test JVM.
 */
final class Kustomize {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    /** @param directory relative to {@code k8s/}, e.g. {@code overlays/prod} */
    static Rendered render(String directory) {
        return CACHE.computeIfAbsent(directory, Kustomize::run);
    }

    private static Rendered run(String directory) {
        requireKubectl();
        Path dir = Architecture.root().resolve("k8s").resolve(directory);
        try {
            Process process = new ProcessBuilder("kubectl", "kustomize", dir.toString())
                    .redirectError(ProcessBuilder.Redirect.PIPE).start();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + directory + " failed: " + err);
            }
            return new Rendered(directory, parse(new String(out, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<GenericKubernetesResource> parse(String yaml) throws IOException {
        List<GenericKubernetesResource> resources = new ArrayList<>();
        try (MappingIterator<GenericKubernetesResource> docs = YAML.readerFor(GenericKubernetesResource.class)
                .readValues(yaml)) {
            while (docs.hasNext()) {
                GenericKubernetesResource resource = docs.next();
                if (resource != null && resource.getKind() != null) {
                    resources.add(resource);
                }
            }
        }
        return resources;
    }

    /** kubectl ships with these machines; elsewhere the checks are skipped, except in CI, where they must run. */
    private static void requireKubectl() {
        boolean present = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            present |= Files.isExecutable(Path.of(dir, "kubectl"));
        }
        if (!present && System.getenv("CI") != null) {
            throw new AssertionError("kubectl is needed to render k8s/ (kubectl kustomize) and is not on the PATH");
        }
        assumeTrue(present, "kubectl is not installed: the k8s/ renders are not checked");
    }
}
