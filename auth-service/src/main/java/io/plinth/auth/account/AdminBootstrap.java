package io.plinth.auth.account;

import io.plinth.auth.config.AdminProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Start-up: the admin named by PLINTH_ADMIN_EMAIL / PLINTH_ADMIN_PASSWORD exists. Start-up fails when the
 * address belongs to an account that is not an admin (see {@link Accounts#ensureAdmin}).
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final Accounts accounts;
    private final AdminProperties admin;

    AdminBootstrap(Accounts accounts, AdminProperties admin) {
        this.accounts = accounts;
        this.admin = admin;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (admin.email() == null || admin.email().isBlank() || admin.password() == null || admin.password().isBlank()) {
            log.info("No PLINTH_ADMIN_EMAIL/PLINTH_ADMIN_PASSWORD: no bootstrap admin");
            return;
        }
        // Start-up work: blocking here is intended, the service should not take traffic before this is done.
        User user = accounts.ensureAdmin(admin.email(), admin.password()).block();
        log.info("Bootstrap admin present: {}", user == null ? null : user.id());
    }
}
