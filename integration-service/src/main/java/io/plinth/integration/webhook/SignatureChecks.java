package io.plinth.integration.webhook;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Each provider's {@link SignatureCheck} over its active secrets; a provider without secrets refuses everything. */
final class SignatureChecks {

    private final Map<Provider, SignatureCheck> checks = new EnumMap<>(Provider.class);

    SignatureChecks(WebhookProperties properties) {
        long tolerance = properties.tolerance().toSeconds();
        for (Provider provider : Provider.values()) {
            List<String> secrets = properties.secretsOf(provider).active();
            checks.put(provider, secrets.isEmpty() ? unconfigured(provider) : switch (provider) {
                case STRIPE -> new StripeSignatureCheck(secrets, tolerance);
                case PIPIT -> new TimestampedHmacCheck("Pipit-Signature", secrets, tolerance);
                case CAPCUT -> new TimestampedHmacCheck("CapCut-Signature", secrets, tolerance);
                case DOCUSIGN -> new DocuSignSignatureCheck(secrets);
                case ZOOM -> new ZoomSignatureCheck(secrets, tolerance);
                case MPESA -> new CallbackTokenCheck(secrets);
            });
        }
    }

    SignatureCheck of(Provider provider) {
        return checks.get(provider);
    }

    /** Zoom answers its URL-validation challenge with the secret that verified the request. */
    static String secret(WebhookProperties properties, Provider provider, int index) {
        return properties.secretsOf(provider).active().get(index);
    }

    boolean configured(Provider provider) {
        return !(checks.get(provider) instanceof Unconfigured);
    }

    private static SignatureCheck unconfigured(Provider provider) {
        return new Unconfigured(provider);
    }

    private record Unconfigured(Provider provider) implements SignatureCheck {
        @Override
        public Verdict check(SignedRequest request, long now) {
            return Verdict.invalid("signature", "No webhook secret is configured for " + provider.id() + ".");
        }
    }
}
