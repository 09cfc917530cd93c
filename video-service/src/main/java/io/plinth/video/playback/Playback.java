package io.plinth.video.playback;

import io.plinth.video.refusal.VideoException;
import io.plinth.platform.security.CurrentUser;
import io.plinth.video.entitlement.Entitlement;
import io.plinth.video.entitlement.Entitlements;
import io.plinth.video.library.Video;
import io.plinth.video.library.Videos;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Playback: the access rule, then a VdoCipher OTP. Every request is logged with its outcome
 * before it is answered; a denied one is a 404, the same as a video that does not exist, so nobody
 * learns which ids are real.
 */
@Service
class Playback {

    private static final Logger log = LoggerFactory.getLogger(Playback.class);

    private final Videos videos;
    private final Entitlements entitlements;
    private final VdoCipher vdoCipher;
    private final PlaybackLog accessLog;
    private final Duration otpTtl;
    private final Clock clock;

    Playback(Videos videos, Entitlements entitlements, VdoCipher vdoCipher, PlaybackLog accessLog,
            PlaybackProperties properties, Clock clock) {
        this.videos = videos;
        this.entitlements = entitlements;
        this.vdoCipher = vdoCipher;
        this.accessLog = accessLog;
        this.otpTtl = properties.otpTtl();
        this.clock = clock;
    }

    record Granted(String otp, String playbackInfo, Duration ttl) {
    }

    Mono<Granted> play(CurrentUser user, String videoId) {
        UUID id;
        try {
            id = UUID.fromString(videoId);
        } catch (IllegalArgumentException e) {
            return deny(user, videoId, new PlaybackRule.Decision(false, PlaybackRule.Reason.NO_SUCH_VIDEO));
        }
        return videos.inTenant(user.tenantId(), id)
                .flatMap(video -> decide(user, video).flatMap(decision -> decision.allowed()
                        ? accessLog.record(user.tenantId(), user.userId(), videoId, decision, clock.instant())
                                .then(otp(video))
                        : deny(user, videoId, decision)))
                .switchIfEmpty(Mono.defer(() -> deny(user, videoId,
                        new PlaybackRule.Decision(false, PlaybackRule.Reason.NO_SUCH_VIDEO))));
    }

    private Mono<PlaybackRule.Decision> decide(CurrentUser user, Video video) {
        boolean owner = video.ownerId().equals(user.userId());
        Mono<Boolean> entitled = owner || video.freePreview() || video.courseId() == null ? Mono.just(false)
                : entitlements.holds(user.tenantId(), user.userId(), Entitlement.course(video.courseId()));
        return entitled.map(e -> PlaybackRule.decide(true, owner, video.freePreview(), e));
    }

    private Mono<Granted> otp(Video video) {
        // The video's id is its VdoCipher id: uploads to VdoCipher keep it (its upload API takes a title and returns an id we map 1:1).
        return vdoCipher.otp(video.id().toString(), otpTtl)
                .map(otp -> new Granted(otp.otp(), otp.playbackInfo(), otpTtl))
                .onErrorMap(e -> !(e instanceof VideoException), e -> {
                    log.warn("VdoCipher gave no OTP for video {}: {}", video.id(), e.toString());
                    return VideoException.unavailable(VideoException.Reason.PLAYBACK_UNAVAILABLE,
                            "Playback cannot be authorised right now; retry shortly.", Duration.ofSeconds(5));
                });
    }

    private <T> Mono<T> deny(CurrentUser user, String videoId, PlaybackRule.Decision decision) {
        return accessLog.record(user.tenantId(), user.userId(), videoId, decision, clock.instant())
                .then(Mono.error(VideoException.notFound("No video " + videoId + ".")));
    }
}
