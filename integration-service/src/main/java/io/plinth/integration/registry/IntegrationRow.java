package io.plinth.integration.registry;

import java.time.Instant;

/** One row of {@code integrations}: credentials only as ciphertext, settings as their JSON text. */
record IntegrationRow(String tenantId, IntegrationKey key, boolean enabled, CredentialCipher.Sealed credentials,
        String settingsJson, Boolean lastTestOk, Integer lastTestLatencyMs, String lastTestMessage, Instant lastTestedAt,
        Instant createdAt, Instant updatedAt) {
}
