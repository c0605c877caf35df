package io.mediamesh.sip.gateway;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The media bridge's RTP settings, {@code mediamesh.sip.rtp.*} (environment {@code MEDIAMESH_SIP_RTP_PORT_MIN},
 * {@code MEDIAMESH_SIP_RTP_PORT_MAX}, ...). The SDP address is {@code mediamesh.sip.advertised-address}.
 *
 * @param portMin      first RTP port (even; RTCP on the next)
 * @param portMax      last port of the range
 * @param bindAddress  local address the RTP sockets bind
 * @param mediaTimeout no RTP for this long (not on hold) hangs the call up
 */
@Validated
@ConfigurationProperties("mediamesh.sip.rtp")
public record SipRtpProperties(
        @DefaultValue("20000") @Min(1024) @Max(65534) int portMin,
        @DefaultValue("20099") @Min(1025) @Max(65535) int portMax,
        @DefaultValue("0.0.0.0") @NotBlank String bindAddress,
        @DefaultValue("30s") @NotNull Duration mediaTimeout) {
}
