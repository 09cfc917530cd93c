package io.plinth.test;

import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Registered in {@code META-INF/spring.factories} under {@code org.springframework.test.context.ContextCustomizerFactory}
 * so it runs for every Spring test; it contributes only to classes annotated (directly, by inheritance, by
 * meta-annotation or on an enclosing class) with {@link RealInfrastructure}.
 */
public final class RealInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        if (!TestContextAnnotationUtils.hasAnnotation(testClass, RealInfrastructure.class)) {
            return null;
        }
        return new RealInfrastructureContextCustomizer();
    }
}
