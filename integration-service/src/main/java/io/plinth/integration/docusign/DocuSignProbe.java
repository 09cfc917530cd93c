package io.plinth.integration.docusign;

import io.plinth.integration.outbound.Misconfigured;
import io.plinth.integration.outbound.ProviderRefused;
import io.plinth.integration.outbound.ProviderUnavailable;
import io.plinth.integration.registry.ConnectionProbe;
import io.plinth.integration.registry.IntegrationKey;
import io.plinth.integration.registry.TestResult;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * DocuSign's connection test: a fresh JWT grant and {@code /oauth/userinfo} — proves the integration key, user,
 * private key and consent, sends nothing. A refusal reports DocuSign's reason ({@code invalid_grant:
 * no_valid_keys_or_signatures}, …).
 */
class DocuSignProbe implements ConnectionProbe {

    private final DocuSign docusign;

    DocuSignProbe(DocuSign docusign) {
        this.docusign = docusign;
    }

    @Override
    public IntegrationKey integration() {
        return IntegrationKey.DOCUSIGN;
    }

    @Override
    public Mono<TestResult> check(Map<String, String> credentials) {
        return Mono.defer(() -> {
            long started = System.nanoTime();
            return docusign.probe(credentials, null)
                    .map(s -> new TestResult(true, millis(started), "JWT grant accepted; account " + s.accountId()
                            + " at " + s.baseUri() + "."))
                    .onErrorResume(e -> Mono.just(new TestResult(false, millis(started), message(e))));
        });
    }

    static String message(Throwable e) {
        if (e instanceof ProviderRefused refused) {
            return "DocuSign refused the credentials (" + refused.status() + "): " + refused.reason();
        }
        if (e instanceof ProviderUnavailable || e instanceof Misconfigured) {
            return e.getMessage();
        }
        return "The test failed: " + e.getClass().getSimpleName();
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
