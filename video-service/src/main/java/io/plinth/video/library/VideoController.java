package io.plinth.video.library;

import io.plinth.platform.problem.ApiException;
import io.plinth.platform.security.CurrentUser;
import io.plinth.video.storage.StorageProperties;
import java.time.Instant;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/videos")
class VideoController {

    private final Videos videos;
    private final StorageProperties storage;

    VideoController(Videos videos, StorageProperties storage) {
        this.videos = videos;
        this.storage = storage;
    }

    @GetMapping("/{videoId}")
    Mono<VideoResponse> video(CurrentUser user, @PathVariable("videoId") String videoId) {
        return videos.owned(user.tenantId(), user.userId(), id(videoId)).map(VideoResponse::of);
    }

    @GetMapping("/{videoId}/download")
    Mono<DownloadResponse> download(CurrentUser user, @PathVariable("videoId") String videoId) {
        return videos.download(user.tenantId(), user.userId(), id(videoId), storage.presignTtl())
                .map(signed -> new DownloadResponse(signed.url().toString(), signed.ttl().toSeconds(),
                        Instant.now().plus(signed.ttl())));
    }

    /** Anything that is not one of our ids cannot name a video: the same 404 as someone else's. */
    static UUID id(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("No video " + value + ".");
        }
    }

    record VideoResponse(String videoId, String title, String source, String jobId, String contentType,
            Long sizeBytes, Integer width, Integer height, Long durationMillis, Integer scenes, String lang,
            boolean freePreview, String courseId, Instant createdAt) {

        static VideoResponse of(Video v) {
            return new VideoResponse(v.id().toString(), v.title(), v.source(),
                    v.jobId() == null ? null : v.jobId().toString(), v.contentType(), v.sizeBytes(), v.width(),
                    v.height(), v.durationMillis(), v.scenes(), v.lang(), v.freePreview(), v.courseId(), v.createdAt());
        }
    }

    record DownloadResponse(String url, long expiresInSeconds, Instant expiresAt) {
    }
}
