package io.plinth.integration.mail;

import io.plinth.events.payment.PaymentSucceeded;
import io.plinth.events.signature.SignatureEnvelopeCompleted;
import io.plinth.events.user.MailTokenSeal;
import io.plinth.events.user.UserEmailVerificationRequested;
import io.plinth.events.user.UserPasswordResetRequested;
import io.plinth.events.user.UserRegistered;
import io.plinth.events.video.VideoExportCompleted;
import io.plinth.integration.registry.IntegrationSettings;
import io.plinth.platform.kafka.EventSubscriptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/** Transactional mail: the consumer of user, payment, video and signature events, and the delivery worker. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailProperties.class)
class MailConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MailConfiguration.class);

    /** Its own consumer group and inbox name: mail and the Notion sync read some of the same events independently. */
    static final String CONSUMER = "integration-service.mail";

    /** Without the key auth-service seals with, no verification or reset mail could ever be sent: refuse to start. */
    @Bean
    MailTokenSeal mailTokenSeal(MailProperties properties) {
        String key = properties.tokenKey();
        if (key == null || key.isBlank()) {
            throw new IllegalStateException("integration-service cannot start: PLINTH_MAIL_TOKEN_KEY is not set. It must be"
                    + " the same base64 key auth-service seals one-time tokens with (docs/adr/0007).");
        }
        try {
            MailTokenSeal seal = MailTokenSeal.fromBase64(key);
            if (key.trim().equals(MailTokenSeal.DEVELOPMENT_KEY)) {
                log.warn("PLINTH_MAIL_TOKEN_KEY is the published development key: fine for the devstack, never for a real platform.");
            }
            return seal;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("integration-service cannot start: PLINTH_MAIL_TOKEN_KEY is not a base64"
                    + " AES-256 key (32 bytes): " + e.getMessage(), e);
        }
    }

    @Bean
    MailEvents mailEvents(MailStore store) {
        return new MailEvents(store);
    }

    @Bean
    EventSubscriptions mailSubscriptions(MailEvents mail) {
        return EventSubscriptions.builder()
                .consumer(CONSUMER)
                .on(UserRegistered.class, mail::registered)
                .on(UserEmailVerificationRequested.class, mail::verificationRequested)
                .on(UserPasswordResetRequested.class, mail::passwordResetRequested)
                .on(PaymentSucceeded.class, mail::paymentSucceeded)
                .on(VideoExportCompleted.class, mail::exportCompleted)
                .on(SignatureEnvelopeCompleted.class, mail::envelopeCompleted)
                .build();
    }

    @Bean
    MailDelivery mailDelivery(MailStore store, IntegrationSettings integrations, MailTokenSeal tokens,
            MailProperties properties) {
        if (properties.sendgrid().apiKey() == null || properties.sendgrid().apiKey().isBlank()) {
            log.info("No platform SendGrid key (SENDGRID_API_KEY): mail of tenants without a sendgrid integration is"
                    + " written to the log instead of being sent.");
        }
        return new MailDelivery(store, integrations, tokens, new MailTemplates(properties.appBaseUrl()),
                new SendGridClient(WebClient.create(), properties.sendgrid().baseUrl(), properties.delivery().timeout()),
                properties);
    }
}
