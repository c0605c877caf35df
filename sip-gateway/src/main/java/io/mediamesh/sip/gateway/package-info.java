/**
 * The sip-gateway service: Spring Boot wiring (Hazelcast member, cluster state, overlay member, the SIP event loop,
 * transport and engine), the settings and their start-up check, the admin API ({@code /sip/calls},
 * {@code /sip/registrations}, {@code Authorization: Bearer <cluster secret>}) and the event sink (webhook, DTMF as
 * room messages on label {@code dtmf}).
 */
package io.mediamesh.sip.gateway;
