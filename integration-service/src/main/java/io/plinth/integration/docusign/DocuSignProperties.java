package io.plinth.integration.docusign;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code plinth.integration.docusign.*}.
 *
 * @param authBaseUrl DocuSign's account server: {@code https://account-d.docusign.com} (demo) or
 *                    {@code https://account.docusign.com}; the sandbox in the devstack. The REST API's base comes
 *                    from userinfo ({@code base_uri}), as DocuSign prescribes.
 * @param timeout     how long one call may take before the user gets a 503
 */
@ConfigurationProperties("plinth.integration.docusign")
record DocuSignProperties(@DefaultValue("https://account-d.docusign.com") URI authBaseUrl,
        @DefaultValue("10s") Duration timeout) {
}
