package io.plinth.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.plinth.deploy.Architecture.Workload;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NetworkPolicies of each overlay, evaluated as a cluster would evaluate them, allow exactly the edges of
 * ARCHITECTURE.md: who calls whom, who reaches PostgreSQL and Kafka, who may go to the internet, and nothing more.
 */
class NetworkPolicyTest {

    private static final String INGRESS_CONTROLLER = "ingress-controller";
    private static final String PROMETHEUS = "prometheus";
    private static final String DNS = "dns";
    private static final String POSTGRES = "postgres";
    private static final String KAFKA = "kafka";
    private static final String INTERNET = "internet";
    private static final Set<String> PRIVATE_RANGES = Set.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
            "169.254.0.0/16");

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "overlays/prod-operators"})
    void allowExactlyTheArchitecturesEdges(String overlay) {
        Rendered r = Kustomize.render(overlay);
        assertThat(allowed(r)).containsExactlyInAnyOrderElementsOf(expected(overlay.equals("overlays/dev")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "overlays/prod-operators"})
    void denyEverythingElseByDefault(String overlay) {
        Rendered r = Kustomize.render(overlay);
        for (Rendered.Workload w : r.workloads()) {
            Set<String> types = new TreeSet<>();
            r.networkPolicies().stream().filter(p -> Rendered.selects(p.getSpec().getPodSelector(), w.podLabels()))
                    .forEach(p -> types.addAll(p.getSpec().getPolicyTypes()));
            assertThat(types).as(overlay + " " + w.name() + " is isolated both ways").contains("Ingress", "Egress");
        }
    }

    /** "from -> to:port/protocol" for every workload the architecture runs. */
    static Set<String> expected(boolean dev) {
        Set<String> edges = new TreeSet<>();
        List<Workload> workloads = new ArrayList<>(Architecture.platform());
        if (dev) {
            workloads.add(Architecture.SANDBOX_WORKLOAD);
        }
        edges.add(edge(INGRESS_CONTROLLER, Architecture.GATEWAY, 8080));
        for (Workload w : workloads) {
            edges.add(edge(PROMETHEUS, w.name(), w.metricsPort()));
            edges.add(w.name() + " -> " + DNS + ":53/UDP");
            edges.add(edge(w.name(), DNS, 53));
            for (String callee : w.calls()) {
                edges.add(edge(w.name(), callee, Architecture.byName(callee).orElseThrow().port()));
            }
        }
        for (Workload w : Architecture.scaled()) {
            edges.add(edge(w.name(), Architecture.DISCOVERY, 8761));
        }
        for (Workload s : Architecture.SERVICES) {
            edges.add(edge(s.name(), POSTGRES, 5432));
            if (s.usesKafka()) {
                edges.add(edge(s.name(), KAFKA, 9092));
            }
            if (s.providers()) {
                edges.add(edge(s.name(), INTERNET, 443));
                if (dev) {
                    edges.add(edge(s.name(), Architecture.SANDBOX, 8090));
                }
            }
        }
        if (dev) {
            // The sandbox delivers its signed webhooks the way a provider does: to the gateway.
            edges.add(edge(Architecture.SANDBOX, Architecture.GATEWAY, 8080));
            // The dev cluster's object store; production's is S3/R2, on the internet edge above.
            for (String client : Architecture.OBJECT_STORE_CLIENTS) {
                edges.add(edge(client, Architecture.OBJECT_STORE, Architecture.OBJECT_STORE_PORT));
            }
        }
        return edges;
    }

    /** Every edge the policies allow. Between two Plinth pods both sides must allow it; a one-sided rule is an error. */
    static Set<String> allowed(Rendered r) {
        Set<String> egress = new TreeSet<>();
        Set<String> ingress = new TreeSet<>();
        Set<String> pods = new TreeSet<>();
        r.workloads().forEach(w -> pods.add(w.name()));
        for (NetworkPolicy policy : r.networkPolicies()) {
            List<Rendered.Workload> selected = r.workloads().stream()
                    .filter(w -> Rendered.selects(policy.getSpec().getPodSelector(), w.podLabels())).toList();
            String name = policy.getMetadata().getName();
            if (policy.getSpec().getIngress() != null) {
                policy.getSpec().getIngress().forEach(rule -> {
                    assertThat(rule.getFrom()).as(name + ": an ingress rule names its sources").isNotEmpty();
                    assertThat(rule.getPorts()).as(name + ": an ingress rule names its ports").isNotEmpty();
                    for (NetworkPolicyPeer from : rule.getFrom()) {
                        for (String source : peers(r, name, from)) {
                            for (Rendered.Workload target : selected) {
                                rule.getPorts().forEach(p -> ingress.add(edge(source, target.name(), p)));
                            }
                        }
                    }
                });
            }
            if (policy.getSpec().getEgress() != null) {
                policy.getSpec().getEgress().forEach(rule -> {
                    assertThat(rule.getTo()).as(name + ": an egress rule names its destinations").isNotEmpty();
                    assertThat(rule.getPorts()).as(name + ": an egress rule names its ports").isNotEmpty();
                    for (NetworkPolicyPeer to : rule.getTo()) {
                        for (String destination : peers(r, name, to)) {
                            for (Rendered.Workload source : selected) {
                                rule.getPorts().forEach(p -> egress.add(edge(source.name(), destination, p)));
                            }
                        }
                    }
                });
            }
        }
        Set<String> result = new TreeSet<>();
        List<String> oneSided = new ArrayList<>();
        for (String e : egress) {
            boolean internal = pods.contains(target(e));
            if (!internal || ingress.contains(e)) {
                result.add(e);
            } else {
                oneSided.add("egress only: " + e);
            }
        }
        for (String e : ingress) {
            boolean internal = pods.contains(e.substring(0, e.indexOf(" -> ")));
            if (!internal) {
                result.add(e);
            } else if (!egress.contains(e)) {
                oneSided.add("ingress only: " + e);
            }
        }
        assertThat(oneSided).as(r.directory() + ": rules the other side does not match").isEmpty();
        return result;
    }

    /** Who a peer stands for: Plinth workloads by name, the known outside parties by role; anything else fails. */
    private static List<String> peers(Rendered r, String policy, NetworkPolicyPeer peer) {
        if (peer.getIpBlock() != null) {
            assertThat(peer.getIpBlock().getCidr()).as(policy).isEqualTo("0.0.0.0/0");
            assertThat(peer.getIpBlock().getExcept()).as(policy + ": the internet, not the cluster's networks")
                    .containsAll(PRIVATE_RANGES);
            return List.of(INTERNET);
        }
        LabelSelector ns = peer.getNamespaceSelector();
        LabelSelector pod = peer.getPodSelector();
        assertThat(pod).as(policy + ": a peer names its pods").isNotNull();
        if (ns == null) {
            List<String> names = r.workloads().stream().filter(w -> Rendered.selects(pod, w.podLabels()))
                    .map(Rendered.Workload::name).toList();
            assertThat(names).as(policy + ": peer " + pod + " selects a workload").isNotEmpty();
            return names;
        }
        Map<String, String> nsLabels = ns.getMatchLabels() == null ? Map.of() : ns.getMatchLabels();
        Map<String, String> podLabels = pod.getMatchLabels() == null ? Map.of() : pod.getMatchLabels();
        String namespace = nsLabels.get("kubernetes.io/metadata.name");
        if ("ingress-nginx".equals(namespace) && "ingress-nginx".equals(podLabels.get("app.kubernetes.io/name"))) {
            return List.of(INGRESS_CONTROLLER);
        }
        if ("monitoring".equals(namespace) && "prometheus".equals(podLabels.get("app.kubernetes.io/name"))) {
            return List.of(PROMETHEUS);
        }
        if ("kube-system".equals(namespace) && "kube-dns".equals(podLabels.get("k8s-app"))) {
            return List.of(DNS);
        }
        String datastore = podLabels.get("plinth.io/datastore");
        if (nsLabels.isEmpty() && (POSTGRES.equals(datastore) || KAFKA.equals(datastore)
                || Architecture.OBJECT_STORE.equals(datastore)) && podLabels.size() == 1) {
            return List.of(datastore);
        }
        throw new AssertionError(policy + ": unknown peer " + peer);
    }

    private static String edge(String from, String to, int port) {
        return from + " -> " + to + ":" + port + "/TCP";
    }

    private static String edge(String from, String to, NetworkPolicyPort port) {
        IntOrString p = port.getPort();
        assertThat(p).as("a numeric port from " + from + " to " + to).isNotNull();
        assertThat(p.getIntVal()).as("numbered, not named, ports from " + from + " to " + to).isNotNull();
        return from + " -> " + to + ":" + p.getIntVal() + "/" + (port.getProtocol() == null ? "TCP" : port.getProtocol());
    }

    private static String target(String edge) {
        String to = edge.substring(edge.indexOf(" -> ") + 4);
        return to.substring(0, to.indexOf(':'));
    }
}
