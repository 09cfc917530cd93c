package io.plinth.integration.mail;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Transactional mail ({@code plinth.mail.*}).
 *
 * @param tokenKey   {@code PLINTH_MAIL_TOKEN_KEY}: opens the one-time tokens auth-service seals (ADR 0007); required
 * @param appBaseUrl where the links in mails point (the web app: {@code /verify-email?token=}, {@code /reset-password?token=})
 * @param sendgrid   the platform's own SendGrid account, used for tenants without a sendgrid integration of their own
 * @param delivery   the delivery queue's schedule
 */
@ConfigurationProperties("plinth.mail")
record MailProperties(String tokenKey, @DefaultValue("http://localhost:3000") URI appBaseUrl,
        @DefaultValue SendGrid sendgrid, @DefaultValue Delivery delivery) {

    /**
     * @param baseUrl     SendGrid's API ({@code https://api.sendgrid.com}; the sandbox in the devstack)
     * @param apiKey      the platform key ({@code SENDGRID_API_KEY}); none → mail is written to the log (dev default)
     * @param fromEmail   sender when the tenant's integration names none
     * @param fromName    sender name likewise
     * @param sandboxMode SendGrid's sandbox mode for the platform key: validated, never delivered
     */
    record SendGrid(@DefaultValue("https://api.sendgrid.com") URI baseUrl, String apiKey,
            @DefaultValue("no-reply@plinth.local") String fromEmail, @DefaultValue("Plinth") String fromName,
            @DefaultValue("false") boolean sandboxMode) {

        @Override
        public String toString() {
            return "SendGrid[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null || apiKey.isBlank() ? "unset" : "***")
                    + ", fromEmail=" + fromEmail + ", sandboxMode=" + sandboxMode + "]";
        }
    }

    /**
     * @param pollInterval   how often the worker looks for due mail
     * @param batchSize      rows claimed at once
     * @param concurrency    sends in flight at once
     * @param maxAttempts    attempts before a mail is given up as failed
     * @param initialBackoff wait after the first failure; doubles per attempt
     * @param maxBackoff     the longest wait between attempts
     * @param lease          how long a claimed row is left alone (a worker that died lets go after this)
     * @param timeout        how long one send waits for SendGrid
     */
    record Delivery(@DefaultValue("500ms") Duration pollInterval, @DefaultValue("50") int batchSize,
            @DefaultValue("16") int concurrency, @DefaultValue("10") int maxAttempts,
            @DefaultValue("2s") Duration initialBackoff, @DefaultValue("10m") Duration maxBackoff,
            @DefaultValue("2m") Duration lease, @DefaultValue("10s") Duration timeout) {
    }

    @Override
    public String toString() {
        return "MailProperties[tokenKey=" + (tokenKey == null || tokenKey.isBlank() ? "unset" : "***") + ", appBaseUrl="
                + appBaseUrl + ", sendgrid=" + sendgrid + ", delivery=" + delivery + "]";
    }
}
