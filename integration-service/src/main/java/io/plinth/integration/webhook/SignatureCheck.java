package io.plinth.integration.webhook;

/** A provider's signature scheme, applied to the raw request before anything parses the body. */
interface SignatureCheck {

    Verdict check(SignedRequest request, long nowEpochSeconds);
}
