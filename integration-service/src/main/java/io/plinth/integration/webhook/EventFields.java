package io.plinth.integration.webhook;

import tools.jackson.databind.JsonNode;

/**
 * Where each provider puts its event id, type and object id (PROVIDERS.md; provider-sandbox/README.md for the
 * shapes Plinth defines). Providers without an event id (DocuSign, Zoom, M-Pesa) get one made of the fields
 * that identify one notification, so a redelivery maps to the same id.
 */
final class EventFields {

    static final int MAX_ID_LENGTH = 255;

    private EventFields() {
    }

    static ProviderEvent of(Provider provider, JsonNode body) {
        return switch (provider) {
            case STRIPE -> stripe(body);
            case PIPIT -> keyed(body, "data", "id");
            case CAPCUT -> keyed(body, "data", "export_id");
            case DOCUSIGN -> docusign(body);
            case ZOOM -> zoom(body);
            case MPESA -> mpesa(body);
        };
    }

    private static ProviderEvent stripe(JsonNode body) {
        String id = required(body, "id", "id");
        String type = required(body, "type", "type");
        String object = optional(body.path("data").path("object").path("id"));
        return new ProviderEvent(id, type, object == null ? id : object);
    }

    /** Pipit and CapCut: {@code {id, type, data: {<objectField>, …}}}. */
    private static ProviderEvent keyed(JsonNode body, String container, String objectField) {
        String id = required(body, "id", "id");
        String type = required(body, "type", "type");
        String object = optional(body.path(container).path(objectField));
        return new ProviderEvent(id, type, object == null ? id : object);
    }

    private static ProviderEvent docusign(JsonNode body) {
        String event = required(body, "event", "event");
        String envelope = required(body.path("data"), "envelopeId", "data.envelopeId");
        String generated = optional(body.path("generatedDateTime"));
        String id = envelope + ":" + event + (generated == null ? "" : ":" + generated);
        return new ProviderEvent(bounded(id, "data.envelopeId"), event, envelope);
    }

    private static ProviderEvent zoom(JsonNode body) {
        String event = required(body, "event", "event");
        if (ProviderEvent.URL_VALIDATION.equals(event)) {
            String plainToken = required(body.path("payload"), "plainToken", "payload.plainToken");
            return new ProviderEvent(bounded("url_validation:" + plainToken, "payload.plainToken"), event, plainToken);
        }
        String ts = required(body, "event_ts", "event_ts");
        JsonNode object = body.path("payload").path("object");
        String objectId = optional(object.path("uuid"));
        if (objectId == null) {
            objectId = optional(object.path("id"));
        }
        String id = event + ":" + ts + (objectId == null ? "" : ":" + objectId);
        return new ProviderEvent(bounded(id, "event"), event, objectId == null ? id : objectId);
    }

    private static ProviderEvent mpesa(JsonNode body) {
        JsonNode callback = body.path("Body").path("stkCallback");
        String checkout = required(callback, "CheckoutRequestID", "Body.stkCallback.CheckoutRequestID");
        required(callback, "ResultCode", "Body.stkCallback.ResultCode");
        return new ProviderEvent(checkout, "stk_callback", checkout);
    }

    private static String required(JsonNode parent, String name, String path) {
        String value = optional(parent.path(name));
        if (value == null) {
            throw new Payloads.PayloadException(path, path + " is required.");
        }
        return bounded(value, path);
    }

    /** A string or number as text; null for anything else. */
    private static String optional(JsonNode node) {
        if (node.isString() || node.isNumber()) {
            String text = node.asString();
            return text.isBlank() ? null : text;
        }
        return null;
    }

    private static String bounded(String value, String path) {
        if (value.length() > MAX_ID_LENGTH) {
            throw new Payloads.PayloadException(path, path + " is longer than " + MAX_ID_LENGTH + " characters.");
        }
        return value;
    }
}
