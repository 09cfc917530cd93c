package io.plinth.video.playback;

import io.plinth.platform.security.CurrentUser;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class PlaybackController {

    private final Playback playback;

    PlaybackController(Playback playback) {
        this.playback = playback;
    }

    @PostMapping("/api/v1/videos/{videoId}/playback")
    Mono<PlaybackResponse> playback(CurrentUser user, @PathVariable("videoId") String videoId) {
        return playback.play(user, videoId)
                .map(granted -> new PlaybackResponse(granted.otp(), granted.playbackInfo(), granted.ttl().toSeconds()));
    }

    record PlaybackResponse(String otp, String playbackInfo, long ttl) {
    }
}
