package io.plinth.payment.stripe;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How payment-service reaches Stripe.
 *
 * @param apiBase Stripe's API base; the sandbox in the devstack and tests ({@code STRIPE_API_BASE})
 * @param secretKey the secret key ({@code STRIPE_SECRET_KEY}); test keys start with {@code sk_test_}
 * @param connectTimeout TCP connect limit of one HTTP call
 * @param readTimeout read limit of one HTTP call; keep it above the resilience4j time limit of {@code stripe}
 * @param threads most blocking Stripe calls in flight (the bounded elastic scheduler's cap)
 */
@Validated
@ConfigurationProperties("plinth.payments.stripe")
record StripeProperties(@NotBlank String apiBase, @NotBlank String secretKey, Duration connectTimeout,
        Duration readTimeout, Integer threads) {

    StripeProperties {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(3) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(15) : readTimeout;
        threads = threads == null ? 32 : threads;
    }
}
