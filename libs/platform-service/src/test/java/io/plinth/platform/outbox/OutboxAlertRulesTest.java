package io.plinth.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The alerting rules in k8s/ watch metrics the relay really exports, under their Prometheus names. */
class OutboxAlertRulesTest {

    private static final Path RULES = Path.of("../../k8s/base/prometheus-rules.yml");

    @Test
    void everyRuleNamesAMetricTheRelayExportsAndSaysHowLongAndHowBad() throws IOException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        OutboxProperties defaults = new OutboxProperties(true, Duration.ofMillis(250), 100, Duration.ofMillis(500),
                Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofDays(7), Duration.ofHours(1));
        // The gauges are registered on construction; nothing here talks to a database or a broker.
        new OutboxRelay(null, null, null, defaults, Duration.ofSeconds(15), registry);
        Set<String> exported = metricNames(registry.scrape());

        List<Map<String, Object>> rules = rules();

        assertThat(rules).extracting(rule -> rule.get("alert"))
                .contains("PlinthOutboxEventsDelayed", "PlinthOutboxBacklogHigh");
        for (Map<String, Object> rule : rules) {
            Set<String> used = metricNames(String.valueOf(rule.get("expr")));
            assertThat(used).as("metrics in %s", rule.get("alert")).isNotEmpty();
            assertThat(exported).as("exported by OutboxRelay, used by %s", rule.get("alert")).containsAll(used);
            assertThat(rule).containsKeys("for", "labels", "annotations");
        }
        assertThat(rules).anySatisfy(rule -> assertThat(String.valueOf(rule.get("expr")))
                .isEqualTo("max by (application) (plinth_outbox_oldest_age_seconds) > 60"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules() throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(RULES));
        return ((List<Map<String, Object>>) file.get("groups")).stream()
                .flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream())
                .toList();
    }

    private static Set<String> metricNames(String text) {
        Matcher matcher = Pattern.compile("\\bplinth_[a-z_]+").matcher(text);
        return matcher.results().map(m -> m.group()).collect(Collectors.toSet());
    }
}
