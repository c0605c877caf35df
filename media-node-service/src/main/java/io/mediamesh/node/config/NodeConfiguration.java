package io.mediamesh.node.config;

import io.mediamesh.model.token.TokenCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans built from {@link MediaNodeProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MediaNodeProperties.class)
public class NodeConfiguration {
    private static final Logger log = LoggerFactory.getLogger(NodeConfiguration.class);

    @Bean
    TokenCodec tokenCodec(MediaNodeProperties properties) {
        if ("insecure".equals(properties.secret())) {
            log.warn("*** mediamesh.node.secret is the default 'insecure': anyone can mint tokens. "
                    + "Set MEDIAMESH_NODE_SECRET for any deployment beyond a local trial. ***");
        }
        return new TokenCodec(properties.secret());
    }
}
