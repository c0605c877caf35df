package io.mediamesh.node;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The media node: WebRTC transport, SFU forwarding and the WHIP/WHEP API of one node. */
@SpringBootApplication
public class MediaNodeApplication {
    public static void main(String[] args) {
        SpringApplication.run(MediaNodeApplication.class, args);
    }
}
