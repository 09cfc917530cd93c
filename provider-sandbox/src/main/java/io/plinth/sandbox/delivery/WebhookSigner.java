package io.plinth.sandbox.delivery;

import java.util.Map;

/**
 * Signs one webhook delivery exactly as a provider does: the headers to add for this body at this
 * time. Every delivery attempt is signed afresh with the time of that attempt, as the providers do.
 */
@FunctionalInterface
public interface WebhookSigner {

    /**
     * @param body        the raw bytes that will be sent
     * @param unixSeconds the signing time
     * @return header name → value (empty for providers that do not sign, M-Pesa)
     */
    Map<String, String> sign(byte[] body, long unixSeconds);
}
