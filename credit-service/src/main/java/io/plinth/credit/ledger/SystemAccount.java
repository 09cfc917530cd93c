package io.plinth.credit.ledger;

import java.util.UUID;

/** The ledger's system accounts: the other side of every wallet transfer. Ids are fixed by V1. */
public enum SystemAccount {
    STARTING_GRANTS("00000000-0000-0000-0000-000000000001"),
    ADMIN_GRANTS("00000000-0000-0000-0000-000000000002"),
    PURCHASES("00000000-0000-0000-0000-000000000003"),
    REVENUE("00000000-0000-0000-0000-000000000004"),
    CLAWBACKS("00000000-0000-0000-0000-000000000005");

    private final UUID id;

    SystemAccount(String id) {
        this.id = UUID.fromString(id);
    }

    public UUID id() {
        return id;
    }
}
