package io.plinth.e2e.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plinth.client.AuthenticationException;
import io.plinth.devstack.DevstackSettings;
import io.plinth.e2e.RunningPlatform;
import io.plinth.examples.partnerapp.PartnerApp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The partner-app example, as its README runs it by hand, against the real platform. */
@ExtendWith(RunningPlatform.class)
class PartnerAppExampleIT {

    @Test
    void theExampleWalksThroughAndTheBalancesAddUp() {
        DevstackSettings settings = RunningPlatform.devstack().settings();
        ByteArrayOutputStream report = new ByteArrayOutputStream();

        new PartnerApp(Map.of("PLINTH_URL", RunningPlatform.gateway().toString(),
                "PLINTH_ADMIN_EMAIL", settings.adminEmail(), "PLINTH_ADMIN_PASSWORD", settings.adminPassword()),
                new PrintStream(report, true, StandardCharsets.UTF_8)).run();

        assertThat(report.toString(StandardCharsets.UTF_8).lines())
                .contains("balance before: 3", "balance after: 0", "OK")
                .anySatisfy(line -> assertThat(line).startsWith("hold ").contains("captured 2 (transaction hold:"))
                .anySatisfy(line -> assertThat(line).startsWith("consumed 1 directly (transaction app-consume:"));
    }

    @Test
    void aWrongAdminPasswordStopsItWithTheRefusal() {
        PartnerApp app = new PartnerApp(Map.of("PLINTH_URL", RunningPlatform.gateway().toString(),
                "PLINTH_ADMIN_EMAIL", RunningPlatform.devstack().settings().adminEmail(),
                "PLINTH_ADMIN_PASSWORD", "not the admin password"), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));

        assertThatThrownBy(app::run).isInstanceOf(AuthenticationException.class);
    }
}
