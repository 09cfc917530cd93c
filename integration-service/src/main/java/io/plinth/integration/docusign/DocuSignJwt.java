package io.plinth.integration.docusign;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/**
 * DocuSign's JWT grant assertion (PROVIDERS.md): RS256 over {@code iss} = integration key, {@code sub} = user id,
 * {@code aud} = the account server's host, {@code scope = "signature impersonation"}, {@code iat}, {@code exp}
 * (one hour, DocuSign's maximum). Plain Java: the private key is the PEM DocuSign hands out (PKCS#1,
 * {@code BEGIN RSA PRIVATE KEY}) or its PKCS#8 form ({@code BEGIN PRIVATE KEY}).
 */
final class DocuSignJwt {

    static final long LIFETIME_SECONDS = 3600;
    static final String SCOPE = "signature impersonation";

    /** The stored private key is not an RSA private key in PEM. */
    static final class BadKey extends RuntimeException {
        BadKey() {
            super("credentials.privateKey is not an RSA private key in PEM (BEGIN RSA PRIVATE KEY or BEGIN PRIVATE KEY).",
                    null, false, false);
        }
    }

    private DocuSignJwt() {
    }

    static String assertion(String integrationKey, String userId, String audience, PrivateKey key, Instant now) {
        long iat = now.getEpochSecond();
        String header = base64Url("{\"typ\":\"JWT\",\"alg\":\"RS256\"}");
        String claims = base64Url("{\"iss\":\"" + json(integrationKey) + "\",\"sub\":\"" + json(userId) + "\",\"aud\":\""
                + json(audience) + "\",\"iat\":" + iat + ",\"exp\":" + (iat + LIFETIME_SECONDS) + ",\"scope\":\"" + SCOPE + "\"}");
        String signingInput = header + "." + claims;
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new BadKey();
        }
    }

    static PrivateKey privateKey(String pem) {
        if (pem == null) {
            throw new BadKey();
        }
        boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs1 ? pkcs8(der) : der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new BadKey();
        }
    }

    /** PKCS#1 RSAPrivateKey wrapped as PKCS#8: SEQUENCE { 0, AlgorithmIdentifier(rsaEncryption, NULL), OCTET STRING }. */
    static byte[] pkcs8(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01,
                0x01, 0x05, 0x00};
        byte[] octets = der(0x04, pkcs1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(version);
        body.writeBytes(algorithm);
        body.writeBytes(octets);
        return der(0x30, body.toByteArray());
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n <= 0xff) {
            out.write(0x81);
            out.write(n);
        } else if (n <= 0xffff) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xff);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write((n >> 8) & 0xff);
            out.write(n & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A value safe inside a JSON string (ids are GUIDs; this only guards against a stray quote or backslash). */
    private static String json(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
