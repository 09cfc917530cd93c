package io.plinth.integration.docusign;

import io.plinth.integration.outbound.Probes;
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
        return Probes.timed(docusign.probe(credentials, null).map(s -> "JWT grant accepted; account " + s.accountId()
                + " at " + s.baseUri() + "."), r -> "DocuSign refused the credentials (" + r.status() + "): " + r.reason());
    }
}
