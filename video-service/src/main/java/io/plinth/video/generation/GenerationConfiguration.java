package io.plinth.video.generation;

import io.plinth.video.render.TitleCardRenderer;
import io.plinth.video.render.VideoRenderer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GenerationProperties.class)
class GenerationConfiguration {

    /** The renderer in the box; an external model is another {@link VideoRenderer} bean. */
    @Bean
    @ConditionalOnMissingBean(VideoRenderer.class)
    VideoRenderer titleCardRenderer(GenerationProperties properties) {
        GenerationProperties.Renderer r = properties.renderer();
        return new TitleCardRenderer(r.framesPerSecond(), r.secondsPerScene(), r.motionSearchRange());
    }

    @Bean
    GenerationRules generationRules(GenerationProperties properties) {
        return new GenerationRules(properties.maxPromptLength());
    }
}
