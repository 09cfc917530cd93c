package io.plinth.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml as compose reads it: YAML with anchors and merge keys resolved (SnakeYAML does both),
 * values left as written, so {@code ${VAR:?message}} can be checked for what it is.
 */
final class ComposeFile {

    /** {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME:?message}} … as compose interpolates them. */
    static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?:(:?[-?+])([^}]*))?}");

    private final Map<String, Object> document;

    private ComposeFile(Map<String, Object> document) {
        this.document = document;
    }

    static ComposeFile load() {
        return load(Architecture.root().resolve("docker-compose.yml"));
    }

    static ComposeFile load(Path file) {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            return new ComposeFile(new Yaml(options).load(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Set<String> serviceNames() {
        return new TreeSet<>(map(document, "services").keySet());
    }

    Map<String, Object> service(String name) {
        return map(map(document, "services"), name);
    }

    Set<String> volumes() {
        return new TreeSet<>(map(document, "volumes").keySet());
    }

    /** The service's environment as written (a list form {@code KEY=value} is turned into a map). */
    Map<String, String> environment(String service) {
        Object env = service(service).get("environment");
        Map<String, String> result = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> m) {
            m.forEach((k, v) -> result.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (env instanceof List<?> l) {
            for (Object entry : l) {
                String s = String.valueOf(entry);
                int eq = s.indexOf('=');
                result.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
            }
        }
        return result;
    }

    /** Published ports in their short form ({@code [ip:]host:container}). */
    List<String> ports(String service) {
        Object ports = service(service).get("ports");
        return ports == null ? List.of() : ((List<?>) ports).stream().map(String::valueOf).toList();
    }

    /** The health check's command joined into one string, or null. */
    String healthcheck(String service) {
        Object hc = service(service).get("healthcheck");
        if (!(hc instanceof Map<?, ?> m)) {
            return null;
        }
        Object test = m.get("test");
        return test instanceof List<?> l ? String.join(" ", l.stream().map(String::valueOf).toList())
                : String.valueOf(test);
    }

    Map<String, Object> dependsOn(String service) {
        Object d = service(service).get("depends_on");
        return d instanceof Map<?, ?> ? map(service(service), "depends_on") : Map.of();
    }

    /** Every {@code ${NAME…}} in the file, with the operator it uses ({@code :?}, {@code :-}, … or empty). */
    Map<String, Set<String>> variables() {
        Map<String, Set<String>> result = new LinkedHashMap<>();
        collect(document, result);
        return result;
    }

    private static void collect(Object node, Map<String, Set<String>> into) {
        if (node instanceof Map<?, ?> m) {
            m.values().forEach(v -> collect(v, into));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> collect(v, into));
        } else if (node != null) {
            Matcher matcher = VARIABLE.matcher(String.valueOf(node));
            while (matcher.find()) {
                into.computeIfAbsent(matcher.group(1), k -> new TreeSet<>())
                        .add(matcher.group(2) == null ? "" : matcher.group(2));
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (!(value instanceof Map<?, ?>)) {
            throw new AssertionError("expected a mapping at '" + key + "', found " + value);
        }
        return (Map<String, Object>) value;
    }
}
