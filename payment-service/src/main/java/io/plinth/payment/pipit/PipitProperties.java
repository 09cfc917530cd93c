package io.plinth.payment.pipit;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How payment-service reaches Pipit.
 *
 * @param apiBase Pipit's API base ({@code PIPIT_API_BASE}); the sandbox in the devstack
 * @param apiKey the Bearer API key ({@code PIPIT_API_KEY}); test keys start with {@code pipit_test_}
 */
@Validated
@ConfigurationProperties("plinth.payments.pipit")
record PipitProperties(@NotBlank String apiBase, @NotBlank String apiKey) {
}
