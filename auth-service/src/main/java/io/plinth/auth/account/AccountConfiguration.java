package io.plinth.auth.account;

import io.plinth.auth.config.AuthProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AccountConfiguration {

    @Bean
    PasswordPolicy passwordPolicy() {
        return PasswordPolicy.withShippedList();
    }

    @Bean
    PasswordHasher passwordHasher(AuthProperties props) {
        AuthProperties.Argon2 a = props.argon2();
        return new PasswordHasher(a.memoryKib(), a.iterations(), a.parallelism());
    }
}
