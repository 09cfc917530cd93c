package io.plinth.integration.support;

import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points the provider clients of every {@link IngressTestBase} context at the sandbox child process. The same
 * customizer for every such class (equal, so the context stays one cached context), and lazy: the sandbox's URL is
 * asked for only when a client is configured, which waits until the sandbox is healthy.
 */
public class SandboxUrlContextCustomizerFactory implements ContextCustomizerFactory {

    static final List<String> PROPERTIES = List.of("plinth.integration.sendgrid.base-url",
            "plinth.integration.docusign.auth-base-url", "plinth.integration.zoom.oauth-base-url",
            "plinth.integration.zoom.api-base-url");

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> attributes) {
        return IngressTestBase.class.isAssignableFrom(testClass) ? new SandboxUrl() : null;
    }

    private static final class SandboxUrl implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration merged) {
            context.getEnvironment().getPropertySources().addFirst(new PropertySource<>("provider-sandbox-url", new Object()) {
                @Override
                public Object getProperty(String name) {
                    return PROPERTIES.contains(name) ? SandboxProcess.url().toString() : null;
                }
            });
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SandboxUrl;
        }

        @Override
        public int hashCode() {
            return SandboxUrl.class.hashCode();
        }
    }
}
