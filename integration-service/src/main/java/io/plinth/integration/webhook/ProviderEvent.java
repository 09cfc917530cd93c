package io.plinth.integration.webhook;

/**
 * What the ingress needs from a verified body.
 *
 * @param id       the provider's event id, the dedupe key with the source
 * @param type     the provider's event type
 * @param objectId the provider object the event is about (payment intent, checkout request, export, envelope,
 *                 meeting): the Kafka key, so one object's events stay in order; the event id when there is none
 */
record ProviderEvent(String id, String type, String objectId) {

    static final String URL_VALIDATION = "endpoint.url_validation";

    boolean isZoomUrlValidation() {
        return URL_VALIDATION.equals(type);
    }
}
