package io.plinth.video.playback;

/**
 * Who may watch a video: its owner, anyone in the tenant when it is a free preview, and users
 * entitled to its course. Plain Java; the reason is what the access log records.
 */
final class PlaybackRule {

    enum Reason { OWNER, FREE_PREVIEW, ENTITLED, NOT_ENTITLED, NO_SUCH_VIDEO }

    record Decision(boolean allowed, Reason reason) {
    }

    private PlaybackRule() {
    }

    /** @param entitledToCourse whether the caller holds the video's course (false when it has none) */
    static Decision decide(boolean exists, boolean owner, boolean freePreview, boolean entitledToCourse) {
        if (!exists) {
            return new Decision(false, Reason.NO_SUCH_VIDEO);
        }
        if (owner) {
            return new Decision(true, Reason.OWNER);
        }
        if (freePreview) {
            return new Decision(true, Reason.FREE_PREVIEW);
        }
        if (entitledToCourse) {
            return new Decision(true, Reason.ENTITLED);
        }
        return new Decision(false, Reason.NOT_ENTITLED);
    }
}
