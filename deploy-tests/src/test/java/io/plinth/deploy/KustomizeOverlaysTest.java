package io.plinth.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.plinth.deploy.Rendered.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every overlay rendered as {@code kubectl apply -k} would apply it, and checked against the architecture. */
class KustomizeOverlaysTest {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z0-9_]+)\\)");

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "overlays/prod-operators"})
    void runsExactlyTheArchitecturesWorkloads(String overlay) {
        Rendered r = Kustomize.render(overlay);
        Set<String> expected = new TreeSet<>();
        Architecture.scaled().forEach(w -> expected.add(w.name()));
        if (overlay.equals("overlays/dev")) {
            expected.add(Architecture.SANDBOX);
        }
        assertThat(r.deployments()).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(r.statefulSets()).extracting(s -> s.getMetadata().getName()).containsExactly(Architecture.DISCOVERY);
        assertThat(r.statefulSets().get(0).getSpec().getReplicas()).as("Eureka peers").isEqualTo(2);
        assertThat(r.all()).allSatisfy(resource -> {
            if (!resource.getKind().equals("Namespace")) {
                assertThat(resource.getMetadata().getNamespace()).as(resource.getKind() + " " + resource.getMetadata()
                        .getName()).isEqualTo("plinth");
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "overlays/prod-operators"})
    void everyWorkloadIsProbedSizedHardenedAndPinned(String overlay) {
        Rendered r = Kustomize.render(overlay);
        for (Workload w : r.workloads()) {
            Container c = w.container();
            String what = overlay + " " + w.name();
            Architecture.Workload arch = Architecture.byName(w.name()).orElseThrow();

            // Probed: the actuator's groups, on the port the actuator answers on.
            assertProbe(what + " startup", w, c.getStartupProbe(), "/actuator/health/liveness", arch.metricsPort());
            assertProbe(what + " readiness", w, c.getReadinessProbe(), "/actuator/health/readiness", arch.metricsPort());
            assertProbe(what + " liveness", w, c.getLivenessProbe(), "/actuator/health/liveness", arch.metricsPort());

            // Sized: requests for the scheduler, a memory limit the JVM sizes its heap from.
            Map<String, Quantity> requests = c.getResources().getRequests();
            assertThat(requests).as(what + " requests").containsKeys("cpu", "memory");
            assertThat(c.getResources().getLimits()).as(what + " limits").containsKey("memory");
            assertThat(Quantity.getAmountInBytes(c.getResources().getLimits().get("memory")))
                    .as(what + " memory limit").isGreaterThanOrEqualTo(Quantity.getAmountInBytes(requests.get("memory")));

            // Hardened, pod and container.
            PodSecurityContext pod = w.template().getSpec().getSecurityContext();
            assertThat(pod.getRunAsNonRoot()).as(what).isTrue();
            assertThat(pod.getRunAsUser()).as(what).isPositive();
            assertThat(pod.getSeccompProfile().getType()).as(what).isEqualTo("RuntimeDefault");
            assertThat(w.template().getSpec().getAutomountServiceAccountToken()).as(what).isFalse();
            SecurityContext sc = c.getSecurityContext();
            assertThat(sc.getRunAsNonRoot()).as(what).isTrue();
            assertThat(sc.getAllowPrivilegeEscalation()).as(what).isFalse();
            assertThat(sc.getPrivileged()).as(what).isFalse();
            assertThat(sc.getReadOnlyRootFilesystem()).as(what).isTrue();
            assertThat(sc.getCapabilities().getDrop()).as(what).containsExactly("ALL");
            assertThat(sc.getCapabilities().getAdd()).as(what).isNullOrEmpty();
            assertThat(sc.getSeccompProfile().getType()).as(what).isEqualTo("RuntimeDefault");
            String tmpVolume = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
                    .map(m -> m.getName()).findFirst().orElseThrow(() -> new AssertionError(what + " has no /tmp"));
            Volume tmp = w.template().getSpec().getVolumes().stream().filter(v -> v.getName().equals(tmpVolume))
                    .findFirst().orElseThrow();
            assertThat(tmp.getEmptyDir()).as(what + " /tmp is an emptyDir").isNotNull();

            // Pinned and shut down gracefully.
            assertThat(c.getImage()).as(what).matches("[a-z0-9.-]+(/[a-z0-9._-]+)+:[0-9][A-Za-z0-9._-]*")
                    .doesNotEndWith(":latest");
            assertThat(w.template().getSpec().getTerminationGracePeriodSeconds()).as(what).isGreaterThanOrEqualTo(30);
            assertThat(c.getLifecycle().getPreStop()).as(what + " preStop").isNotNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "overlays/prod-operators"})
    void everyServiceSelectsAWorkloadOnItsConfiguredPort(String overlay) throws IOException {
        Rendered r = Kustomize.render(overlay);
        for (Service s : r.services()) {
            List<Workload> selected = r.workloads().stream()
                    .filter(w -> w.podLabels().entrySet().containsAll(s.getSpec().getSelector().entrySet())).toList();
            assertThat(selected).as(overlay + " Service " + s.getMetadata().getName()).hasSize(1);
            Workload w = selected.get(0);
            assertThat(w.name()).isEqualTo(s.getMetadata().getName());
            Architecture.Workload arch = Architecture.byName(w.name()).orElseThrow();
            for (ServicePort port : s.getSpec().getPorts()) {
                assertThat(containerPort(w, port.getTargetPort())).as(overlay + " " + w.name()).isEqualTo(arch.port());
                assertThat(port.getPort()).isEqualTo(arch.port());
            }
        }
        assertThat(r.services()).extracting(s -> s.getMetadata().getName())
                .containsAll(r.workloads().stream().map(Workload::name).toList());

        // The port the module itself is configured with (application.yml), the one the manifests tell it, and
        // the container port all agree.
        for (Architecture.Workload arch : Architecture.platform()) {
            Workload w = r.workload(arch.name());
            assertThat(containerPort(w, new IntOrString("http"))).as(arch.name()).isEqualTo(arch.port());
            assertThat(moduleDefaultPort(arch.name())).as(arch.name() + "'s application.yml").isEqualTo(arch.port());
            String configured = r.environment(w).get("SERVER_PORT");
            if (configured != null) {
                assertThat(Integer.parseInt(configured)).as(arch.name() + " SERVER_PORT").isEqualTo(arch.port());
            }
        }
        Map<String, String> gateway = r.environment(r.workload(Architecture.GATEWAY));
        assertThat(gateway).containsEntry("MANAGEMENT_SERVER_PORT", "8180");
        assertThat(containerPort(r.workload(Architecture.GATEWAY), new IntOrString("management"))).isEqualTo(8180);
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "overlays/prod-operators"})
    void everyWorkloadIsGivenWhatItNeeds(String overlay) {
        Rendered r = Kustomize.render(overlay);
        for (Architecture.Workload arch : Architecture.platform()) {
            Workload w = r.workload(arch.name());
            Map<String, String> env = r.environment(w);
            Set<String> needed = new TreeSet<>(Architecture.REQUIRED_ENV.getOrDefault(arch.name(), Set.of()));
            if (arch.database() != null) {
                needed.addAll(Architecture.SERVICE_ENV);
                assertThat(env.get("SPRING_R2DBC_URL")).endsWith("/" + arch.database());
                assertThat(env.get("SPRING_FLYWAY_URL")).endsWith("/" + arch.database());
                String db = secret(r, arch.name() + "-db");
                assertThat(env).containsEntry("SPRING_R2DBC_USERNAME", "secret:" + db + "/username")
                        .containsEntry("SPRING_FLYWAY_USER", "secret:" + db + "/username")
                        .containsEntry("SPRING_R2DBC_PASSWORD", "secret:" + db + "/password")
                        .containsEntry("SPRING_FLYWAY_PASSWORD", "secret:" + db + "/password");
            }
            if (!arch.name().equals(Architecture.DISCOVERY)) {
                needed.add("EUREKA_CLIENT_SERVICEURL_DEFAULTZONE");
            }
            assertThat(env.keySet()).as(overlay + " " + arch.name()).containsAll(needed);
            assertThat(env).as(overlay + " " + arch.name()).doesNotContainKey(Architecture.DEVELOPMENT_KEY_FLAG);

            // Every $(VAR) a value uses is defined before it (Kubernetes leaves unknown references as they are).
            List<String> defined = new ArrayList<>(env.keySet());
            for (EnvVar e : w.container().getEnv()) {
                if (e.getValue() != null) {
                    Matcher m = REFERENCE.matcher(e.getValue());
                    while (m.find()) {
                        assertThat(defined.subList(0, defined.indexOf(e.getName()))).as(overlay + " " + arch.name()
                                + " " + e.getName()).contains(m.group(1));
                    }
                }
            }
        }
        assertThat(r.all().toString()).doesNotContain(Architecture.DEVELOPMENT_KEY_FLAG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "overlays/prod-operators"})
    void everyEurekaClientPresentsTheRegistryCredentials(String overlay) {
        Rendered r = Kustomize.render(overlay);
        for (Architecture.Workload arch : Architecture.scaled()) {
            Map<String, String> env = r.environment(r.workload(arch.name()));
            assertThat(env).containsEntry("PLINTH_DISCOVERY_USERNAME", "secret:" + secret(r, "plinth-discovery") + "/username")
                    .containsEntry("PLINTH_DISCOVERY_PASSWORD", "secret:" + secret(r, "plinth-discovery") + "/password");
            assertThat(env.get("EUREKA_CLIENT_SERVICEURL_DEFAULTZONE").split(",")).as(arch.name()).containsExactly(
                    "http://$(PLINTH_DISCOVERY_USERNAME):$(PLINTH_DISCOVERY_PASSWORD)@discovery-0.discovery:8761/eureka/",
                    "http://$(PLINTH_DISCOVERY_USERNAME):$(PLINTH_DISCOVERY_PASSWORD)@discovery-1.discovery:8761/eureka/");
        }
        Map<String, String> discovery = r.environment(r.workload(Architecture.DISCOVERY));
        assertThat(discovery.get("PLINTH_DISCOVERY_PASSWORD")).startsWith("secret:");
        assertThat(discovery).doesNotContainKey("EUREKA_CLIENT_SERVICEURL_DEFAULTZONE"); // PeerMode sets it
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "overlays/prod-operators"})
    void everyWorkloadScalesWithinADisruptionBudgetAndIsScraped(String overlay) {
        Rendered r = Kustomize.render(overlay);
        boolean production = overlay.startsWith("overlays/prod");
        for (Architecture.Workload arch : Architecture.scaled()) {
            HorizontalPodAutoscaler hpa = r.autoscalers().stream()
                    .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(arch.name())).findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + ": no autoscaler for " + arch.name()));
            assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(hpa.getSpec().getMinReplicas()).as(arch.name()).isGreaterThanOrEqualTo(production ? 2 : 1);
            assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());
            // The autoscaler owns the replica count; a fixed one would be reset on every apply.
            assertThat(((io.fabric8.kubernetes.api.model.apps.Deployment) r.workload(arch.name()).resource())
                    .getSpec().getReplicas()).as(arch.name()).isNull();
        }
        for (Workload w : r.workloads()) {
            if (w.name().equals(Architecture.SANDBOX)) {
                continue;
            }
            List<PodDisruptionBudget> budgets = r.disruptionBudgets().stream()
                    .filter(p -> Rendered.selects(p.getSpec().getSelector(), w.podLabels())).toList();
            assertThat(budgets).as(overlay + " budget for " + w.name()).hasSize(1);
            assertThat(budgets.get(0).getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
        }
        for (Workload w : r.workloads()) {
            Map<String, String> annotations = w.template().getMetadata().getAnnotations();
            assertThat(annotations).as(w.name()).containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/path", "/actuator/prometheus")
                    .containsEntry("prometheus.io/port",
                            String.valueOf(Architecture.byName(w.name()).orElseThrow().metricsPort()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "overlays/prod-operators"})
    void theIngressServesTheApiAndWebhookHostsOverTlsToTheGatewayOnly(String overlay) {
        Rendered r = Kustomize.render(overlay);
        assertThat(r.ingresses()).hasSize(1);
        Ingress ingress = r.ingresses().get(0);
        Set<String> hosts = ingress.getSpec().getRules().stream().map(IngressRule::getHost).collect(Collectors.toSet());
        assertThat(hosts).hasSize(2).anyMatch(h -> h.startsWith("api.")).anyMatch(h -> h.startsWith("hooks."));
        Set<String> tls = new TreeSet<>();
        ingress.getSpec().getTls().forEach(t -> tls.addAll(t.getHosts()));
        assertThat(tls).containsExactlyInAnyOrderElementsOf(hosts);
        ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
            assertThat(path.getBackend().getService().getName()).isEqualTo(Architecture.GATEWAY);
            assertThat(path.getBackend().getService().getPort().getNumber()).isEqualTo(8080);
        }));
    }

    @Test
    void productionTrustsOnlyTheIngressControllerAndTalksToKafkaAsEachServicesOwnUser() {
        for (String overlay : List.of("overlays/prod", "overlays/prod-operators")) {
            Rendered r = Kustomize.render(overlay);
            assertThat(r.secrets()).as(overlay + " commits no secret").isEmpty();
            String proxies = r.environment(r.workload(Architecture.GATEWAY)).get("PLINTH_GATEWAY_TRUSTED_PROXIES");
            assertThat(proxies).as(overlay).isNotBlank();
            for (String cidr : proxies.split(",")) {
                assertThat(cidr.trim()).matches("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}").isNotEqualTo("0.0.0.0/0");
            }
            for (Architecture.Workload arch : Architecture.SERVICES) {
                Workload w = r.workload(arch.name());
                Map<String, String> env = r.environment(w);
                assertThat(env).as(overlay + " " + arch.name())
                        .containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                        .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512")
                        .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG",
                                "secret:" + arch.name() + "-kafka/sasl.jaas.config")
                        .containsEntry("PLINTH_KAFKA_CREATE_TOPICS", "false");
                String truststore = env.get("SPRING_KAFKA_SSL_TRUST_STORE_LOCATION").replaceFirst("^file:", "");
                assertThat(w.container().getVolumeMounts()).as(arch.name() + " mounts the brokers' CA")
                        .anyMatch(m -> truststore.startsWith(m.getMountPath() + "/") && Boolean.TRUE.equals(m.getReadOnly()));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/prod", "overlays/prod-operators"})
    void paymentServicePaysTheRealProvidersWithKeysItCannotStartWithout(String overlay) {
        Rendered r = Kustomize.render(overlay);
        Workload payment = r.workload(Architecture.PAYMENT);
        Map<String, String> env = r.environment(payment);
        for (String base : List.of("STRIPE_API_BASE", "MPESA_API_BASE", "PIPIT_API_BASE", "MPESA_CALLBACK_BASE_URL")) {
            assertThat(env.get(base)).as(overlay + " " + base).startsWith("https://").doesNotContain("sandbox");
        }
        assertThat(env).doesNotContainKey("PLINTH_SANDBOX_URL");
        for (String key : List.of("STRIPE_SECRET_KEY", "MPESA_CONSUMER_KEY", "MPESA_CONSUMER_SECRET", "MPESA_PASSKEY",
                "PLINTH_WEBHOOKS_MPESA_SECRET", "PIPIT_API_KEY")) {
            assertThat(env.get(key)).as(overlay + " " + key).startsWith("secret:payment-service-secrets/");
        }
        // A missing Secret or key keeps the pod from starting instead of leaving the sandbox's test keys in place.
        assertThat(payment.container().getEnv()).filteredOn(e -> e.getValueFrom() != null
                        && e.getValueFrom().getSecretKeyRef() != null)
                .allSatisfy(e -> assertThat(e.getValueFrom().getSecretKeyRef().getOptional()).as(e.getName()).isNotEqualTo(true));
    }

    @Test
    void theDevStackPaysAtTheSandbox() {
        Rendered r = Kustomize.render("overlays/dev");
        Map<String, String> env = r.environment(r.workload(Architecture.PAYMENT));
        for (String base : List.of("STRIPE_API_BASE", "MPESA_API_BASE", "PIPIT_API_BASE")) {
            assertThat(env).containsEntry(base, "http://provider-sandbox:8090");
        }
        assertThat(env).containsEntry("MPESA_CALLBACK_BASE_URL", "http://gateway:8080");
    }

    @Test
    void theDevStackKeepsPlaintextKafkaAndTheSandbox() {
        Rendered r = Kustomize.render("overlays/dev");
        for (Architecture.Workload arch : Architecture.SERVICES) {
            Map<String, String> env = r.environment(r.workload(arch.name()));
            assertThat(env).doesNotContainKeys("SPRING_KAFKA_SECURITY_PROTOCOL", "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG");
            assertThat(env).containsEntry("PLINTH_SANDBOX_URL", "http://provider-sandbox:8090");
        }
        // Every Secret a workload references is generated (with a content hash, so a change rolls the pods).
        Set<String> generated = r.secrets().stream().map(s -> s.getMetadata().getName()).collect(Collectors.toSet());
        for (Workload w : r.workloads()) {
            for (EnvVar e : w.container().getEnv()) {
                if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                    String name = e.getValueFrom().getSecretKeyRef().getName();
                    assertThat(generated).as(w.name() + " " + e.getName()).contains(name);
                    assertThat(r.secrets().stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst()
                            .orElseThrow().getData()).containsKey(e.getValueFrom().getSecretKeyRef().getKey());
                }
            }
        }
    }

    @Test
    void theRunbookNamesEverySecretProductionReferences() throws IOException {
        String runbook = Files.readString(Architecture.root().resolve("docs/deploy.md"));
        Set<String> referenced = new TreeSet<>();
        for (String overlay : List.of("overlays/prod", "overlays/prod-operators")) {
            Rendered r = Kustomize.render(overlay);
            for (Workload w : r.workloads()) {
                for (EnvVar e : w.container().getEnv()) {
                    if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                        referenced.add(e.getValueFrom().getSecretKeyRef().getName() + " "
                                + e.getValueFrom().getSecretKeyRef().getKey());
                    }
                }
                for (Volume v : w.template().getSpec().getVolumes()) {
                    if (v.getSecret() != null) {
                        referenced.add(v.getSecret().getSecretName() + " ca.crt");
                    }
                }
            }
        }
        for (String ref : referenced) {
            String[] nameAndKey = ref.split(" ");
            assertThat(runbook).as("docs/deploy.md names secret " + nameAndKey[0]).contains("`" + nameAndKey[0] + "`");
            assertThat(runbook).as("docs/deploy.md names key " + ref).contains(nameAndKey[1]);
        }
    }

    private static void assertProbe(String what, Workload w, Probe probe, String path, int port) {
        assertThat(probe).as(what).isNotNull();
        HTTPGetAction get = probe.getHttpGet();
        assertThat(get).as(what).isNotNull();
        assertThat(get.getPath()).as(what).isEqualTo(path);
        assertThat(containerPort(w, get.getPort())).as(what + " port").isEqualTo(port);
    }

    private static int containerPort(Workload w, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return w.container().getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError(w.name() + " has no port named " + port.getStrVal()));
    }

    /** server.port as the module's application.yml sets it: {@code 8083} or {@code ${PORT:8081}}. */
    private static int moduleDefaultPort(String module) throws IOException {
        String yml = Files.readString(Architecture.root().resolve(module).resolve("src/main/resources/application.yml"));
        Matcher m = Pattern.compile("(?m)^server:\\s*\\n(?:\\s+.*\\n)*?\\s+port:\\s*(?:\\$\\{[A-Z_]+:)?(\\d+)").matcher(yml);
        assertThat(m.find()).as(module + " sets server.port").isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static String secret(Rendered r, String name) {
        return r.secrets().stream().map(s -> s.getMetadata().getName()).filter(n -> n.startsWith(name + "-"))
                .findFirst().orElse(name);
    }
}
