package io.plinth.auth.account;

import io.plinth.auth.config.AuthProperties;
import io.plinth.auth.config.SecretKeys;
import io.plinth.events.user.MailTokenSeal;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AccountConfiguration {

    @Bean
    PasswordPolicy passwordPolicy() {
        return PasswordPolicy.withShippedList();
    }

    /** Seals one-time tokens for the mailer only (docs/adr/0005); same key rule as the key-encryption key. */
    @Bean
    MailTokenSeal mailTokenSeal(AuthProperties props) {
        return MailTokenSeal.fromBase64(SecretKeys.resolve("PLINTH_MAIL_TOKEN_KEY", props.mailTokenKey(),
                MailTokenSeal.DEVELOPMENT_KEY, props.allowDevelopmentKey()));
    }

    @Bean
    PasswordHasher passwordHasher(AuthProperties props) {
        AuthProperties.Argon2 a = props.argon2();
        return new PasswordHasher(a.memoryKib(), a.iterations(), a.parallelism());
    }
}
