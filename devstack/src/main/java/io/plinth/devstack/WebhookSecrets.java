package io.plinth.devstack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The devstack's webhook secrets, one place for both sides: integration-service verifies with them
 * ({@code PLINTH_WEBHOOKS_<P>_SECRET}) and the provider sandbox signs with them
 * ({@code PLINTH_SANDBOX_WEBHOOKS_<P>_SECRETS}), so a sandbox event is accepted out of the box. They equal the
 * sandbox's own defaults (provider-sandbox application.yml). Not secrets anywhere else: compose and k8s take
 * real ones from their secret stores.
 */
public final class WebhookSecrets {

    /** Provider (upper case, as in the variable names) → the devstack's secret. */
    public static final Map<String, String> SIGNED = Map.of(
            "STRIPE", "whsec_plinth_devstack_stripe",
            "PIPIT", "pipit_whsec_plinth_devstack",
            "CAPCUT", "capcut_whsec_plinth_devstack",
            "DOCUSIGN", "docusign_connect_plinth_devstack",
            "ZOOM", "zoom_secret_token_plinth_devstack");

    /** The key of M-Pesa callback tokens: payment-service issues them, integration-service checks them. */
    public static final String MPESA = "mpesa_callback_plinth_devstack";

    private WebhookSecrets() {
    }

    static Map<String, String> forIngress() {
        Map<String, String> env = new LinkedHashMap<>();
        SIGNED.forEach((provider, secret) -> env.put("PLINTH_WEBHOOKS_" + provider + "_SECRET", secret));
        env.put("PLINTH_WEBHOOKS_MPESA_SECRET", MPESA);
        return env;
    }

    static Map<String, String> forSandbox(String gatewayUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PLINTH_SANDBOX_WEBHOOKBASEURL", gatewayUrl);
        SIGNED.forEach((provider, secret) -> env.put("PLINTH_SANDBOX_WEBHOOKS_" + provider + "_SECRETS", secret));
        return env;
    }
}
