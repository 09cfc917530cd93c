/**
 * Security at the edge.
 *
 * <ul>
 *   <li>{@link io.plinth.gateway.security.EdgeAuthenticationFilter} (order AUTHENTICATION): every route
 *       except {@link io.plinth.gateway.security.PublicRoutes} needs {@code Authorization: Bearer <jwt>}:
 *       RS256 only, signature against auth-service's JWKS ({@code plinth.security.jwks-uri}, env
 *       {@code PLINTH_SECURITY_JWKS_URI}; cached, re-fetched on an unknown {@code kid} at most every 2 s),
 *       not expired, {@code aud} = {@code plinth.security.audience}. Otherwise 401 problem+json
 *       ({@code unauthorized} / {@code invalid_token}) and nothing is proxied. The token is forwarded
 *       unchanged; services verify it again.</li>
 *   <li>Inbound identity headers ({@code X-User-*}, {@code X-Auth-*}, {@code X-Plinth-*}) are already stripped
 *       by {@code edge.StripIdentityHeadersFilter}, which runs first; {@code edge.ClientAddressFilter} then
 *       decides the client address (TCP peer, or X-Forwarded-For only from {@code plinth.gateway.trusted-proxies})
 *       and passes it on as {@code X-Plinth-Client-Address}.</li>
 *   <li>{@link io.plinth.gateway.security.RateLimitFilter} (order RATE_LIMIT): token buckets per client
 *       address and per verified user, in this instance's memory (N replicas allow up to N times the
 *       rate); 429 {@code rate_limited} with {@code Retry-After}. Settings {@code plinth.gateway.rate-limit.*}:
 *       user 100 burst / 20 per s, address 200 burst / 50 per s, keyed on the decided client address.</li>
 * </ul>
 */
package io.plinth.gateway.security;
