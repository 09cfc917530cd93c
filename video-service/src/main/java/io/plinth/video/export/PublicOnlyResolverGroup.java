package io.plinth.video.export;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.DefaultNameResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The address resolver of client callback deliveries: it applies {@link CallbackUrls#permitted} to
 * the addresses the connection will actually use, so a name that was public when the export was
 * requested and points at 127.0.0.1 or the metadata service by delivery time (DNS rebinding)
 * fails to resolve instead of being called.
 */
final class PublicOnlyResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new PublicOnlyNameResolver(executor).asAddressResolver();
    }

    private static final class PublicOnlyNameResolver extends DefaultNameResolver {

        PublicOnlyNameResolver(EventExecutor executor) {
            super(executor);
        }

        @Override
        protected void doResolve(String host, Promise<InetAddress> promise) throws Exception {
            Promise<InetAddress> resolved = executor().newPromise();
            super.doResolve(host, resolved);
            if (!resolved.isSuccess()) {
                promise.setFailure(resolved.cause());
            } else if (!CallbackUrls.permitted(resolved.getNow())) {
                promise.setFailure(new UnknownHostException(host + " resolves to a non-public address"));
            } else {
                promise.setSuccess(resolved.getNow());
            }
        }

        @Override
        protected void doResolveAll(String host, Promise<List<InetAddress>> promise) throws Exception {
            Promise<List<InetAddress>> resolved = executor().newPromise();
            super.doResolveAll(host, resolved);
            if (!resolved.isSuccess()) {
                promise.setFailure(resolved.cause());
                return;
            }
            List<InetAddress> allowed = new ArrayList<>();
            for (InetAddress address : resolved.getNow()) {
                if (!CallbackUrls.permitted(address)) {
                    promise.setFailure(new UnknownHostException(host + " resolves to a non-public address"));
                    return;
                }
                allowed.add(address);
            }
            promise.setSuccess(allowed);
        }
    }
}
