package io.plinth.video.export;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Predicate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The address resolver of client callback deliveries. It looks names up as {@link CallbackUrls} did when
 * the export was requested (the JDK's resolver, so numeric forms and hosts files read the same) and, in
 * production, applies {@link CallbackUrls#permitted} to every address the connection may use: a name
 * that was public then and points at 127.0.0.1 or the metadata service by delivery time (DNS rebinding)
 * fails to resolve instead of being called.
 *
 * <p>The JDK's lookup blocks, so it runs on {@link Schedulers#boundedElastic()}, never on the event loop
 * the connection is made from (Netty's own {@code DefaultNameResolver} would block that loop, and every
 * connection it serves, for as long as a slow DNS server takes).
 */
final class CallbackResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final CallbackUrls.Resolver dns;
    private final Predicate<InetAddress> permitted;

    /** Tests give another lookup, or a rule that allows every address to show what the public-only one stops. */
    CallbackResolverGroup(CallbackUrls.Resolver dns, Predicate<InetAddress> permitted) {
        this.dns = dns;
        this.permitted = permitted;
    }

    static CallbackResolverGroup publicOnly() {
        return new CallbackResolverGroup(InetAddress::getAllByName, CallbackUrls::permitted);
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new OffLoopNameResolver(executor).asAddressResolver();
    }

    private final class OffLoopNameResolver extends InetNameResolver {

        OffLoopNameResolver(EventExecutor executor) {
            super(executor);
        }

        @Override
        protected void doResolve(String host, Promise<InetAddress> promise) {
            lookUp(host).subscribe(addresses -> promise.trySuccess(addresses.get(0)), promise::tryFailure);
        }

        @Override
        protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
            lookUp(host).subscribe(promise::trySuccess, promise::tryFailure);
        }

        /** Every address must be permitted, as when the URL was accepted: the connection may use any of them. */
        private Mono<List<InetAddress>> lookUp(String host) {
            return Mono.fromCallable(() -> {
                List<InetAddress> addresses = List.of(dns.resolve(host));
                if (addresses.isEmpty()) {
                    throw new UnknownHostException(host);
                }
                if (!addresses.stream().allMatch(permitted)) {
                    throw new UnknownHostException(host + " resolves to a non-public address");
                }
                return addresses;
            }).subscribeOn(Schedulers.boundedElastic());
        }
    }
}
