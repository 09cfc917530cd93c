package io.plinth.integration.mail;

import java.util.Arrays;

/** The transactional mails, each from one platform event. */
enum MailKind {
    EMAIL_VERIFICATION("email_verification"),
    PASSWORD_RESET("password_reset"),
    PAYMENT_RECEIPT("payment_receipt"),
    EXPORT_READY("export_ready"),
    CONTRACT_COMPLETED("contract_completed");

    private final String id;

    MailKind(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    static MailKind of(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown mail kind " + id));
    }
}
