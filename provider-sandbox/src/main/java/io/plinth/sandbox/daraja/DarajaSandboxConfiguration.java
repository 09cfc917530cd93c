package io.plinth.sandbox.daraja;

import io.plinth.sandbox.delivery.WebhookDelivery;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DarajaSandboxConfiguration {

    /** Daraja's public sandbox passkey for shortcode 174379 by default, as payment-service's devstack default. */
    @Bean
    DarajaAccount darajaAccount(WebhookDelivery delivery,
            @Value("${plinth.sandbox.mpesa.passkey:bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919}") String passkey,
            @Value("${plinth.sandbox.mpesa.timeout:60s}") Duration timeout) {
        return new DarajaAccount(delivery, passkey, timeout, Clock.systemUTC());
    }
}
