package io.plinth.sandbox.docusign;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JWT grant's assertion as DocuSign's account server reads it: three base64url parts, an RS256 header, claims
 * {@code iss} (integration key), {@code sub} (user id), {@code aud} (the account server's host), {@code scope},
 * {@code iat}, {@code exp}; the signature checked against the public key registered for the integration key.
 */
record JwtAssertion(String issuer, String subject, String audience, String scope, long issuedAt, long expiresAt,
        byte[] signedPart, byte[] signature) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final long MAX_LIFETIME_SECONDS = 3600;

    static JwtAssertion parse(String assertion) {
        String[] parts = assertion == null ? new String[0] : assertion.split("\\.", -1);
        if (parts.length != 3) {
            throw DocuSignError.oauth(400, "invalid_grant", "The assertion is not a JWT (three base64url parts).");
        }
        JsonNode header = json(parts[0]);
        if (!"RS256".equals(header.path("alg").asString(""))) {
            throw DocuSignError.oauth(400, "invalid_grant", "alg must be RS256.");
        }
        JsonNode claims = json(parts[1]);
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw DocuSignError.oauth(400, "invalid_grant", "The signature is not base64url.");
        }
        return new JwtAssertion(claims.path("iss").asString(""), claims.path("sub").asString(""),
                claims.path("aud").asString(""), claims.path("scope").asString(""), claims.path("iat").asLong(0),
                claims.path("exp").asLong(0), (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), signature);
    }

    boolean signedBy(PublicKey key) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update(signedPart);
            return rsa.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static JsonNode json(String part) {
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(part));
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not an object");
            }
            return node;
        } catch (RuntimeException e) {
            throw DocuSignError.oauth(400, "invalid_grant", "The assertion's header or claims are not base64url JSON.");
        }
    }
}
