package io.plinth.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyTest {

    @TempDir
    Path root;

    @Test
    void startsInfrastructureThenEurekaThenServicesAndSandboxThenGateway() throws Exception {
        List<ComponentSpec> specs = Topology.of(DevstackSettings.defaults(FakeRepository.withAllJars(root)));

        Map<Integer, List<String>> stages = specs.stream().collect(Collectors.groupingBy(ComponentSpec::stage,
                java.util.TreeMap::new, Collectors.mapping(ComponentSpec::name, Collectors.toList())));

        assertThat(stages).containsExactly(
                Map.entry(0, List.of("postgres", "kafka", "s3")),
                Map.entry(1, List.of("discovery")),
                Map.entry(2, List.of("auth-service", "credit-service", "payment-service", "video-service",
                        "integration-service", "provider-sandbox", "console")),
                Map.entry(3, List.of("gateway")));
    }

    @Test
    void givesEachServiceItsOwnDatabaseAndTheConfiguredPorts() throws Exception {
        DevstackSettings settings = DevstackSettings.defaults(FakeRepository.withAllJars(root))
                .withPorts(Map.of("postgres", 25432, "kafka", 29092, "discovery", 28761, "auth-service", 28081,
                        "credit-service", 28082));

        Map<String, ComponentSpec> specs = byName(Topology.of(settings));

        Map<String, String> credit = specs.get("credit-service").environment();
        assertThat(credit).containsEntry("SERVER_PORT", "28082")
                .containsEntry("SPRING_R2DBC_URL", "r2dbc:postgresql://localhost:25432/credit")
                .containsEntry("SPRING_FLYWAY_URL", "jdbc:postgresql://localhost:25432/credit")
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "localhost:29092")
                .containsEntry("EUREKA_CLIENT_SERVICEURL_DEFAULTZONE", "http://localhost:28761/eureka/")
                .containsEntry("PLINTH_SECURITY_JWKS_URI", "http://localhost:28081/.well-known/jwks.json")
                .containsEntry("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "true");
        assertThat(specs.get("credit-service").command())
                .contains("-Deureka.client.service-url.defaultZone=http://localhost:28761/eureka/");
        assertThat(specs.get("video-service").environment())
                .containsEntry("SPRING_R2DBC_URL", "r2dbc:postgresql://localhost:25432/video")
                .containsEntry("PLINTH_VIDEO_STORAGE_ENDPOINT", "http://127.0.0.1:9000")
                .containsEntry("PLINTH_VIDEO_CAPCUT_WEBHOOK_URL", "http://localhost:8080/api/v1/webhooks/capcut");
        assertThat(specs.get("s3").command()).contains("-Ds3proxy.endpoint=http://127.0.0.1:9000",
                "-Djclouds.filesystem.basedir=" + settings.s3DataDir().toAbsolutePath());
        assertThat(specs.get("credit-service").environment()).doesNotContainKey("PLINTH_VIDEO_STORAGE_ENDPOINT");
        assertThat(specs.get("integration-service").environment())
                .containsEntry("SPRING_R2DBC_URL", "r2dbc:postgresql://localhost:25432/integration");
        assertThat(specs.get("postgres").command()).contains("25432", "auth,credit,integration,payment,video");
        assertThat(specs.get("kafka").command()).contains("29092");
        assertThat(specs.get("kafka").otherPorts()).containsExactly(9093);
        assertThat(specs.get("gateway").environment())
                .containsEntry("EUREKA_CLIENT_SERVICEURL_DEFAULTZONE", "http://localhost:28761/eureka/")
                .containsEntry("SERVER_PORT", "8080");
        assertThat(specs.get("gateway").command())
                .contains("-Deureka.client.service-url.defaultZone=http://localhost:28761/eureka/");
    }

    @Test
    void theSandboxSignsWebhooksWithTheSecretsTheIngressVerifiesAndSendsThemThroughTheGateway() throws Exception {
        DevstackSettings settings = DevstackSettings.defaults(FakeRepository.withAllJars(root))
                .withPorts(Map.of("gateway", 28080));

        Map<String, ComponentSpec> specs = byName(Topology.of(settings));

        Map<String, String> sandbox = specs.get("provider-sandbox").environment();
        Map<String, String> ingress = specs.get("integration-service").environment();
        assertThat(sandbox).containsEntry("PLINTH_SANDBOX_WEBHOOKBASEURL", "http://localhost:28080");
        for (String provider : List.of("STRIPE", "PIPIT", "CAPCUT", "DOCUSIGN", "ZOOM")) {
            assertThat(ingress.get("PLINTH_WEBHOOKS_" + provider + "_SECRET")).as(provider).isNotBlank()
                    .isEqualTo(sandbox.get("PLINTH_SANDBOX_WEBHOOKS_" + provider + "_SECRETS"));
        }
        assertThat(ingress.get("PLINTH_WEBHOOKS_MPESA_SECRET")).isNotBlank()
                .isEqualTo(specs.get("payment-service").environment().get("PLINTH_WEBHOOKS_MPESA_SECRET"));
        // M-Pesa callbacks reach the ingress through the devstack's gateway, like every other webhook.
        assertThat(specs.get("payment-service").environment()).containsEntry("MPESA_CALLBACK_BASE_URL",
                "http://localhost:28080");
        assertThat(specs.get("credit-service").environment()).doesNotContainKey("PLINTH_WEBHOOKS_STRIPE_SECRET");
    }

    @Test
    void integrationServiceGetsACredentialKeyItAccepts() throws Exception {
        Map<String, ComponentSpec> specs = byName(Topology.of(DevstackSettings.defaults(FakeRepository.withAllJars(root))));

        String keys = specs.get("integration-service").environment().get("PLINTH_INTEGRATION_CREDENTIALS_KEYS");

        // One id:base64key entry with a 32-byte key: what integration-service needs to start (AES-256).
        assertThat(keys).matches("[A-Za-z0-9._-]+:[A-Za-z0-9+/=]+");
        assertThat(java.util.Base64.getDecoder().decode(keys.substring(keys.indexOf(':') + 1))).hasSize(32);
        assertThat(specs.get("credit-service").environment()).doesNotContainKey("PLINTH_INTEGRATION_CREDENTIALS_KEYS");
    }

    @Test
    void integrationServiceOpensMailTokensAndMailsTheSandbox() throws Exception {
        Map<String, ComponentSpec> specs = byName(Topology.of(DevstackSettings.defaults(FakeRepository.withAllJars(root))));
        Map<String, String> env = specs.get("integration-service").environment();

        // The development key auth-service falls back to on a devstack (PLINTH_AUTH_ALLOW_DEVELOPMENT_KEY): 32 bytes.
        assertThat(java.util.Base64.getDecoder().decode(env.get("PLINTH_MAIL_TOKEN_KEY"))).hasSize(32);
        assertThat(specs.get("auth-service").environment()).doesNotContainKey("PLINTH_MAIL_TOKEN_KEY");
        String yml = Files.readString(Path.of("../provider-sandbox/src/main/resources/application.yml"));
        assertThat(yml).contains("api-keys: " + env.get("SENDGRID_API_KEY"));
    }

    @Test
    void theDevstackSecretsAreTheSandboxsOwnDefaults() throws Exception {
        String yml = Files.readString(Path.of("../provider-sandbox/src/main/resources/application.yml"));
        WebhookSecrets.SIGNED.values().forEach(secret -> assertThat(yml).contains("secrets: " + secret));
    }

    @Test
    void passesTheAdminAccountToAuthServiceOnly() throws Exception {
        DevstackSettings settings = DevstackSettings.fromEnvironment(FakeRepository.withAllJars(root),
                Map.of("PLINTH_ADMIN_EMAIL", "ops@example.com", "PLINTH_ADMIN_PASSWORD", "s3cret-enough"));

        Map<String, ComponentSpec> specs = byName(Topology.of(settings));

        assertThat(specs.get("auth-service").environment())
                .containsEntry("PLINTH_ADMIN_EMAIL", "ops@example.com")
                .containsEntry("PLINTH_ADMIN_PASSWORD", "s3cret-enough");
        specs.values().stream().filter(spec -> !spec.name().equals("auth-service")).forEach(spec ->
                assertThat(spec.environment()).as(spec.name()).doesNotContainKeys("PLINTH_ADMIN_EMAIL", "PLINTH_ADMIN_PASSWORD"));
    }

    @Test
    void runsEverySpringServiceWithTheLaptopJvmFlagsAndAMarker() throws Exception {
        Map<String, ComponentSpec> specs = byName(Topology.of(DevstackSettings.defaults(FakeRepository.withAllJars(root))));

        ComponentSpec gateway = specs.get("gateway");
        assertThat(gateway.command()).containsSequence(DevstackSettings.DEFAULT_SERVICE_JVM_OPTIONS)
                .contains("-Dplinth.component=gateway");
        assertThat(gateway.bootJar()).isEqualTo(root.resolve("gateway/target/gateway-0.1.0-SNAPSHOT.jar"));
        assertThat(gateway.imageDir()).isEqualTo(root.resolve(".plinth/apps/gateway"));
        // The gateway's health is on its management port, which it does not route.
        assertThat(specs.get("gateway").probe().describe()).isEqualTo("GET http://localhost:8180/actuator/health");
        assertThat(specs.get("gateway").environment()).containsEntry("MANAGEMENT_SERVER_PORT", "8180");
        assertThat(specs.get("gateway").otherPorts()).containsExactly(8180);
        assertThat(specs.get("auth-service").environment()).containsEntry("PLINTH_AUTH_ALLOW_DEVELOPMENT_KEY", "true");
        assertThat(specs.get("payment-service").probe().describe())
                .isEqualTo("GET http://localhost:8083/actuator/health/readiness");
    }

    @Test
    void namesTheModuleAndTheBuildCommandWhenAJarIsMissing() throws Exception {
        FakeRepository.withAllJars(root);
        Files.delete(root.resolve("video-service/target/video-service-0.1.0-SNAPSHOT.jar"));

        assertThatThrownBy(() -> Topology.of(DevstackSettings.defaults(root)))
                .isInstanceOf(DevstackException.class)
                .hasMessageContaining("no jar for video-service in video-service/target")
                .hasMessageContaining("./mvnw install -DskipTests");
    }

    @Test
    void saysTheDevstackIsNotBuiltWhenItsClasspathFileIsMissing() throws Exception {
        FakeRepository.withAllJars(root);
        Files.delete(root.resolve("devstack/target/runtime-classpath.txt"));

        assertThatThrownBy(() -> Topology.of(DevstackSettings.defaults(root)))
                .isInstanceOf(DevstackException.class)
                .hasMessageStartingWith("the devstack module is not built");
    }

    private static Map<String, ComponentSpec> byName(List<ComponentSpec> specs) {
        return specs.stream().collect(Collectors.toMap(ComponentSpec::name, Function.identity()));
    }
}
