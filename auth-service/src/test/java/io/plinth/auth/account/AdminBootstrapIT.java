package io.plinth.auth.account;

import io.plinth.auth.AuthServiceITSupport;
import io.plinth.auth.config.AdminProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminBootstrapIT extends AuthServiceITSupport {

    @Autowired
    Accounts accounts;

    @Test
    void anAddressRegisteredFirstBySomeoneElseIsNeverPromotedToAdmin() {
        // Someone registers the address the operators will configure as PLINTH_ADMIN_EMAIL...
        String email = uniqueEmail();
        String userId = register(email);

        // ...then the service starts with it: it refuses, naming the problem, instead of handing over ADMIN.
        AdminBootstrap bootstrap = new AdminBootstrap(accounts, new AdminProperties(email, "the operators' passphrase"));
        assertThatThrownBy(() -> bootstrap.run(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PLINTH_ADMIN_EMAIL")
                .hasMessageContaining("already registered");

        assertThat(accounts.findById(userId).block().roles()).containsExactly("USER");
        // The operators' password does not open the account either.
        loginAttempt(email, "the operators' passphrase", uniqueAddress()).expectStatus().isUnauthorized();
    }

    @Test
    void anExistingAdminIsLeftAsItIs() {
        AdminBootstrap bootstrap = new AdminBootstrap(accounts, new AdminProperties(ADMIN_EMAIL, "some other passphrase"));
        bootstrap.run(null);
        assertThat(accounts.findByEmail(ADMIN_EMAIL).block().isAdmin()).isTrue();
        // Never resets the password.
        login(ADMIN_EMAIL, ADMIN_PASSWORD);
    }
}
