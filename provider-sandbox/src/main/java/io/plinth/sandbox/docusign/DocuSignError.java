package io.plinth.sandbox.docusign;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DocuSign's two error shapes: the account server's OAuth errors ({@code {"error", "error_description"}}) and the
 * eSignature REST API's ({@code {"errorCode", "message"}}).
 */
final class DocuSignError extends RuntimeException {

    private final int status;
    private final Map<String, Object> body;

    private DocuSignError(int status, String message, Map<String, Object> body) {
        super(message);
        this.status = status;
        this.body = body;
    }

    static DocuSignError oauth(int status, String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return new DocuSignError(status, description, body);
    }

    static DocuSignError rest(int status, String errorCode, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errorCode", errorCode);
        body.put("message", message);
        return new DocuSignError(status, message, body);
    }

    int status() {
        return status;
    }

    Map<String, Object> body() {
        return body;
    }
}
