package io.plinth.payment.mpesa;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How payment-service reaches Daraja (M-Pesa STK push).
 *
 * @param apiBase Daraja's base URL ({@code MPESA_API_BASE}); the sandbox in the devstack
 * @param consumerKey / consumerSecret the app's OAuth credentials ({@code MPESA_CONSUMER_KEY}, {@code MPESA_CONSUMER_SECRET})
 * @param shortcode the paybill / till ({@code MPESA_SHORTCODE})
 * @param passkey the Lipa na M-Pesa passkey ({@code MPESA_PASSKEY})
 * @param callbackBaseUrl where Daraja reaches Plinth's gateway ({@code MPESA_CALLBACK_BASE_URL}); the callback URL is
 *        {@code <base>/api/v1/webhooks/mpesa/<per-payment token>}
 * @param callbackSecret the key of those tokens, shared with the ingress ({@code PLINTH_WEBHOOKS_MPESA_SECRET})
 * @param timeout a push nobody answered within this fails (after a last status query)
 * @param sweepInterval how often pending pushes are checked
 */
@Validated
@ConfigurationProperties("plinth.payments.mpesa")
record MpesaProperties(@NotBlank String apiBase, @NotBlank String consumerKey, @NotBlank String consumerSecret,
        @NotBlank String shortcode, @NotBlank String passkey, @NotBlank String callbackBaseUrl,
        @NotBlank String callbackSecret, Duration timeout, Duration sweepInterval) {

    MpesaProperties {
        timeout = timeout == null ? Duration.ofSeconds(120) : timeout;
        sweepInterval = sweepInterval == null ? Duration.ofSeconds(15) : sweepInterval;
    }
}
