package io.plinth.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every core resource of every overlay fits Kubernetes' schema as fabric8 models it: a misspelt field
 * ({@code readinesProbe}, {@code runAsNonroot}) would otherwise be dropped by the API server and a check of the
 * field it meant would pass on a default.
 */
class SchemaTest {

    private static final Map<String, Class<? extends HasMetadata>> CORE = Map.of(
            "Namespace", Namespace.class, "ConfigMap", ConfigMap.class, "Secret", Secret.class,
            "Service", Service.class, "Deployment", Deployment.class, "StatefulSet", StatefulSet.class,
            "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class, "PodDisruptionBudget", PodDisruptionBudget.class,
            "NetworkPolicy", NetworkPolicy.class, "Ingress", Ingress.class);

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "overlays/prod-operators"})
    void everyCoreResourceHasOnlyKnownFields(String overlay) {
        Rendered r = Kustomize.render(overlay);
        List<String> unknown = new ArrayList<>();
        for (GenericKubernetesResource resource : r.all()) {
            Class<? extends HasMetadata> type = CORE.get(resource.getKind());
            if (type != null) {
                Object typed = Kustomize.YAML.convertValue(resource, type);
                collectUnknown(typed, resource.getKind() + "/" + resource.getMetadata().getName(), unknown);
            } else {
                // Anything else must be an operator's custom resource (CloudNativePG, Strimzi, Prometheus rules);
                // a Kubernetes kind missing from CORE goes there.
                assertThat(resource.getApiVersion()).as(resource.getKind() + " is a custom resource")
                        .matches("[a-z0-9-]+(\\.[a-z0-9-]+)+/.+").doesNotContain("k8s.io/");
            }
        }
        assertThat(unknown).as(overlay + ": fields Kubernetes does not know").isEmpty();
    }

    /** Walks fabric8's model: any object whose additionalProperties is not empty had a field it did not know. */
    private static void collectUnknown(Object node, String path, List<String> into) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> c) {
            int i = 0;
            for (Object o : c) {
                collectUnknown(o, path + "[" + i++ + "]", into);
            }
            return;
        }
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> collectUnknown(v, path + "." + k, into));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    into.add(path + ": " + extra.keySet());
                }
            } else {
                collectUnknown(value, path + "." + getter.getName().substring(3), into);
            }
        }
    }
}
