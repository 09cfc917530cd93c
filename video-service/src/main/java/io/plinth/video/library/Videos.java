package io.plinth.video.library;

import io.plinth.video.refusal.VideoException;
import io.plinth.video.storage.ObjectStorage;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The video library: records videos and answers who owns them. Metadata and downloads are the
 * owner's only; anyone else, in any tenant, gets a 404. Who may watch is playback's rule.
 */
@Service
public class Videos {

    private final VideoStore store;
    private final ObjectStorage storage;

    Videos(VideoStore store, ObjectStorage storage) {
        this.store = store;
        this.storage = storage;
    }

    /** Records a stored video; call inside the transaction that finishes whatever produced it. */
    public Mono<Video> record(Video video) {
        return store.insert(video);
    }

    /** The caller's own video, or 404. */
    public Mono<Video> owned(String tenantId, String userId, UUID id) {
        return store.find(tenantId, id)
                .filter(v -> v.ownerId().equals(userId))
                .switchIfEmpty(Mono.error(() -> VideoException.notFound("No video " + id + ".")));
    }

    /** Any video of the tenant, whoever owns it; for access rules that look beyond the owner. */
    public Mono<Video> inTenant(String tenantId, UUID id) {
        return store.find(tenantId, id);
    }

    /** Puts a video in a course (or none) and marks it a free preview (or not); 404 outside the tenant. */
    public Mono<Video> setAccess(String tenantId, UUID id, String courseId, boolean freePreview) {
        return store.updateAccess(tenantId, id, courseId, freePreview)
                .switchIfEmpty(Mono.error(() -> VideoException.notFound("No video " + id + ".")));
    }

    /** A short-lived presigned GET URL for the caller's own video. */
    public Mono<SignedUrl> download(String tenantId, String userId, UUID id, Duration ttl) {
        return owned(tenantId, userId, id)
                .flatMap(v -> v.storageKey() == null
                        ? Mono.error(VideoException.notStored("Video " + id + " has no stored file."))
                        : storage.presignedGet(v.storageKey(), ttl).map(url -> new SignedUrl(url, ttl)));
    }

    public record SignedUrl(URI url, Duration ttl) {
    }
}
