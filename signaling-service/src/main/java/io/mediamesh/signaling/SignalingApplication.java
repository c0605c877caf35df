package io.mediamesh.signaling;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The WebRTC SDK's signalling service. */
@SpringBootApplication
public class SignalingApplication {
    public static void main(String[] args) {
        SpringApplication.run(SignalingApplication.class, args);
    }
}
