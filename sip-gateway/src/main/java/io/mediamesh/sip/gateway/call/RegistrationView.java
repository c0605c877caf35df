package io.mediamesh.sip.gateway.call;

/** A registered user as the admin API shows it. */
public record RegistrationView(String user, String contact, String source, long expiresInSeconds) {
}
