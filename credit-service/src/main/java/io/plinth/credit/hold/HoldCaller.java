package io.plinth.credit.hold;

import java.util.Objects;

/**
 * Who asks to place, see, capture or release a hold.
 *
 * @param tenantId  the caller's tenant; holds of other tenants do not exist for it
 * @param principal {@code user:{id}} for a user's own token, {@code app:{appId}} for an app acting for a
 *                  user, {@code platform} for credit-service reacting to platform events
 * @param admin     an admin of the tenant (or the platform itself) may settle any hold of the tenant
 */
public record HoldCaller(String tenantId, String principal, boolean admin) {

    public static final String PLATFORM = "platform";

    public HoldCaller {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(principal, "principal");
    }

    public static HoldCaller user(String tenantId, String userId, boolean admin) {
        return new HoldCaller(tenantId, "user:" + userId, admin);
    }

    public static HoldCaller app(String tenantId, String appId) {
        return new HoldCaller(tenantId, "app:" + appId, false);
    }

    /** credit-service itself, settling a job's hold when video-service reports the job's end. */
    public static HoldCaller platform(String tenantId) {
        return new HoldCaller(tenantId, PLATFORM, true);
    }

    boolean mayActForAnyone() {
        return admin;
    }

    boolean isUser(String userId) {
        return principal.equals("user:" + userId);
    }
}
