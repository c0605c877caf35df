package io.mediamesh.rtmp.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The RTMP ingest service: TCP 1935 for encoders, HTTP for health, metrics and the session list. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RtmpIngestApplication {
    public static void main(String[] args) {
        SpringApplication.run(RtmpIngestApplication.class, args);
    }
}
