package io.plinth.integration.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.plinth.web.FieldViolation;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntegrationChangeTest {

    @Test
    void everyBadFieldIsNamed() {
        IntegrationChange.Invalid invalid = catchThrowableOfType(IntegrationChange.Invalid.class, () -> IntegrationChange.parse(
                IntegrationKey.DOCUSIGN,
                Map.of("enabled", "yes", "colour", 1,
                        "credentials", Map.of("integrationKey", "ik", "userId", 42, "extra", "x"),
                        "settings", Map.of("accountId", 7, "nope", "x")),
                false));

        assertThat(invalid.errors()).extracting(FieldViolation::field).containsExactlyInAnyOrder("colour", "enabled",
                "credentials.userId", "credentials.privateKey", "credentials.extra", "settings.accountId", "settings.nope");
    }

    @Test
    void aFirstWriteNeedsCredentialsALaterOneMayKeepThem() {
        assertThat(catchThrowableOfType(IntegrationChange.Invalid.class,
                () -> IntegrationChange.parse(IntegrationKey.SENDGRID, Map.of("enabled", true), false)).errors())
                .extracting(FieldViolation::field).containsExactly("credentials");

        IntegrationChange keep = IntegrationChange.parse(IntegrationKey.SENDGRID, Map.of("enabled", true), true);

        assertThat(keep.credentials()).isNull();
        assertThat(keep.enabled()).isTrue();
    }

    @Test
    void settingsAreCheckedByType() {
        IntegrationChange ok = IntegrationChange.parse(IntegrationKey.NOTION, Map.of("credentials", Map.of("token", "secret_x"),
                "settings", Map.of("contentDatabaseId", "1f2e3d4c-5b6a-4789-8abc-def012345678",
                        "transactionsDatabaseId", "1f2e3d4c5b6a47898abcdef012345678")), false);
        assertThat(ok.settings()).hasSize(2);

        assertThat(catchThrowableOfType(IntegrationChange.Invalid.class, () -> IntegrationChange.parse(IntegrationKey.NOTION,
                Map.of("credentials", Map.of("token", "secret_x"), "settings", Map.of("contentDatabaseId", "not-a-database")),
                false)).errors()).extracting(FieldViolation::field).containsExactly("settings.contentDatabaseId");
        assertThat(catchThrowableOfType(IntegrationChange.Invalid.class, () -> IntegrationChange.parse(IntegrationKey.SENDGRID,
                Map.of("settings", Map.of("fromEmail", "not an email", "sandboxMode", "true")), true)).errors())
                .extracting(FieldViolation::field).containsExactlyInAnyOrder("settings.fromEmail", "settings.sandboxMode");
    }

    @Test
    void printingAChangeNeverShowsACredential() {
        IntegrationChange change = IntegrationChange.parse(IntegrationKey.SENDGRID,
                Map.of("credentials", Map.of("apiKey", "SG.top-secret")), false);

        assertThat(change.toString()).contains("apiKey").doesNotContain("top-secret");
    }
}
