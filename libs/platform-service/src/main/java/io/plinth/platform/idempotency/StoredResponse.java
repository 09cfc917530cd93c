package io.plinth.platform.idempotency;

/** The first response to a key, replayed as is: status, the headers worth replaying, body bytes. */
record StoredResponse(int status, String contentType, String location, byte[] body) {
}
