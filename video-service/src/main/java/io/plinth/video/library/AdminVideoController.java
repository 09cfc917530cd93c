package io.plinth.video.library;

import io.plinth.platform.problem.ApiException;
import io.plinth.web.FieldViolation;
import io.plinth.platform.security.AdminOnly;
import io.plinth.platform.security.CurrentUser;
import java.util.List;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Admins of a tenant decide which course a video belongs to and whether it is a free preview. */
@RestController
@RequestMapping("/api/v1/admin/videos")
class AdminVideoController {

    private final Videos videos;

    AdminVideoController(Videos videos) {
        this.videos = videos;
    }

    @AdminOnly
    @PatchMapping("/{videoId}")
    Mono<VideoController.VideoResponse> access(CurrentUser admin, @PathVariable("videoId") String videoId,
            @RequestBody AccessRequest body) {
        if (body.courseId() != null && !body.courseId().matches("[A-Za-z0-9_-]{1,100}")) {
            return Mono.error(ApiException.unprocessable(List.of(FieldViolation.of("courseId", "invalid_course_id",
                    "must be 1 to 100 letters, digits, '-' or '_'"))));
        }
        return videos.setAccess(admin.tenantId(), VideoController.id(videoId), body.courseId(),
                        Boolean.TRUE.equals(body.freePreview()))
                .map(VideoController.VideoResponse::of);
    }

    record AccessRequest(String courseId, Boolean freePreview) {
    }
}
