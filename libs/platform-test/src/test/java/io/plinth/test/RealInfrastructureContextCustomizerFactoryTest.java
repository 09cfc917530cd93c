package io.plinth.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextCustomizer;

class RealInfrastructureContextCustomizerFactoryTest {

    private final RealInfrastructureContextCustomizerFactory factory = new RealInfrastructureContextCustomizerFactory();

    @RealInfrastructure
    static class FirstServiceTest {
    }

    @RealInfrastructure
    static class SecondServiceTest {
    }

    static class InheritsTheAnnotation extends FirstServiceTest {
    }

    static class PlainTest {
    }

    @Test
    void annotatedClassesGetEqualCustomizersSoTheyShareACachedContext() {
        ContextCustomizer first = factory.createContextCustomizer(FirstServiceTest.class, List.of());
        ContextCustomizer second = factory.createContextCustomizer(SecondServiceTest.class, List.of());

        assertThat(first).isNotNull().isEqualTo(second);
        assertThat(first.hashCode()).isEqualTo(second.hashCode());
    }

    @Test
    void annotationIsInheritedBySubclasses() {
        assertThat(factory.createContextCustomizer(InheritsTheAnnotation.class, List.of())).isNotNull();
    }

    @Test
    void classesWithoutTheAnnotationAreLeftAlone() {
        assertThat(factory.createContextCustomizer(PlainTest.class, List.of())).isNull();
    }
}
