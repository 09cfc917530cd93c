package io.plinth.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** One rendered kustomization, its resources converted to fabric8's typed model by kind. */
final class Rendered {

    /** A Deployment or StatefulSet: what runs pods. */
    record Workload(String kind, String name, PodTemplateSpec template, HasMetadata resource) {

        Container container() {
            List<Container> containers = template.getSpec().getContainers();
            if (containers.size() != 1) {
                throw new AssertionError(name + " has " + containers.size() + " containers, expected one");
            }
            return containers.get(0);
        }

        Map<String, String> podLabels() {
            return template.getMetadata().getLabels();
        }
    }

    private final String directory;
    private final List<GenericKubernetesResource> all;

    Rendered(String directory, List<GenericKubernetesResource> all) {
        this.directory = directory;
        this.all = all;
    }

    String directory() {
        return directory;
    }

    List<GenericKubernetesResource> all() {
        return all;
    }

    <T> List<T> of(String kind, Class<T> type) {
        List<T> result = new ArrayList<>();
        for (GenericKubernetesResource r : all) {
            if (r.getKind().equals(kind)) {
                result.add(Kustomize.YAML.convertValue(r, type));
            }
        }
        return result;
    }

    List<GenericKubernetesResource> generic(String kind) {
        return all.stream().filter(r -> r.getKind().equals(kind)).toList();
    }

    List<Deployment> deployments() {
        return of("Deployment", Deployment.class);
    }

    List<StatefulSet> statefulSets() {
        return of("StatefulSet", StatefulSet.class);
    }

    List<Workload> workloads() {
        List<Workload> result = new ArrayList<>();
        deployments().forEach(d -> result.add(new Workload("Deployment", d.getMetadata().getName(),
                d.getSpec().getTemplate(), d)));
        statefulSets().forEach(s -> result.add(new Workload("StatefulSet", s.getMetadata().getName(),
                s.getSpec().getTemplate(), s)));
        return result;
    }

    Workload workload(String name) {
        return workloads().stream().filter(w -> w.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(directory + " has no workload " + name));
    }

    List<Service> services() {
        return of("Service", Service.class);
    }

    List<ConfigMap> configMaps() {
        return of("ConfigMap", ConfigMap.class);
    }

    Optional<ConfigMap> configMap(String name) {
        return configMaps().stream().filter(c -> c.getMetadata().getName().equals(name)).findFirst();
    }

    List<Secret> secrets() {
        return of("Secret", Secret.class);
    }

    List<NetworkPolicy> networkPolicies() {
        return of("NetworkPolicy", NetworkPolicy.class);
    }

    List<HorizontalPodAutoscaler> autoscalers() {
        return of("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);
    }

    List<PodDisruptionBudget> disruptionBudgets() {
        return of("PodDisruptionBudget", PodDisruptionBudget.class);
    }

    List<Ingress> ingresses() {
        return of("Ingress", Ingress.class);
    }

    /** The container's environment as far as the manifests tell: ConfigMap keys it imports, then its own entries. */
    Map<String, String> environment(Workload workload) {
        Map<String, String> env = new LinkedHashMap<>();
        Container c = workload.container();
        if (c.getEnvFrom() != null) {
            c.getEnvFrom().forEach(from -> {
                if (from.getConfigMapRef() != null) {
                    ConfigMap cm = configMap(from.getConfigMapRef().getName()).orElseThrow(() -> new AssertionError(
                            workload.name() + " imports missing ConfigMap " + from.getConfigMapRef().getName()));
                    env.putAll(cm.getData());
                } else {
                    throw new AssertionError(workload.name() + ": envFrom other than a ConfigMap hides what is set");
                }
            });
        }
        if (c.getEnv() != null) {
            c.getEnv().forEach(e -> env.put(e.getName(), e.getValue() != null ? e.getValue()
                    : e.getValueFrom().getSecretKeyRef() != null
                            ? "secret:" + e.getValueFrom().getSecretKeyRef().getName() + "/"
                                    + e.getValueFrom().getSecretKeyRef().getKey()
                            : "field:" + e.getValueFrom()));
        }
        return env;
    }

    /** Whether the selector (matchLabels and matchExpressions In/NotIn/Exists) selects these labels. */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                String value = labels.get(r.getKey());
                boolean ok = switch (r.getOperator()) {
                    case "In" -> value != null && r.getValues().contains(value);
                    case "NotIn" -> value == null || !r.getValues().contains(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default -> throw new AssertionError("unknown operator " + r.getOperator());
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }
}
