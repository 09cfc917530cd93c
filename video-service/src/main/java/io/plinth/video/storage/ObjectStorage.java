package io.plinth.video.storage;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Private objects in S3-compatible storage (S3, R2, MinIO; S3Proxy on a laptop and in tests), the
 * same code everywhere. Blocking SDK calls run on a bounded elastic scheduler, off the event loops.
 */
public interface ObjectStorage {

    /** Uploads {@code file} as {@code key}, replacing what was there (same key, same bytes on a retry). */
    Mono<Void> put(String key, Path file, String contentType);

    /** A SigV4 presigned GET URL for {@code key}, valid for {@code ttl}. */
    Mono<URI> presignedGet(String key, Duration ttl);

    /** The object's size, or empty when there is no such object. */
    Mono<Long> size(String key);
}
