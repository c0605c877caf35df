package io.mediamesh.sip.bridge.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Opus payload type of a room track is read from its media descriptor; tracks without Opus are not mixed. */
class RoomAudioTest {
    @Test
    void findsTheOpusPayloadTypeOfADescriptor() {
        assertThat(RoomAudio.payloadType(RtpCallMedia.DESCRIPTOR, "opus")).isEqualTo(111);
        assertThat(RoomAudio.payloadType("c,red,63,48000,2,-1,111/111;c,opus,109,48000,2,-1,minptime=10%3B"
                + "useinbandfec=1;x,1,urn:ietf:params:rtp-hdrext:ssrc-audio-level", "opus")).isEqualTo(109);
        assertThat(RoomAudio.payloadType("c,red,63,48000,2,-1,111/111;c,opus,111,48000,2,-1,", "red")).isEqualTo(63);
        assertThat(RoomAudio.payloadType("c,OPUS,96,48000,2,-1,", "opus")).isEqualTo(96);
        assertThat(RoomAudio.payloadType("c,PCMU,0,8000,1,-1,", "opus")).isEqualTo(-1);
        assertThat(RoomAudio.payloadType("c,opus,x,48000,2,-1,", "opus")).isEqualTo(-1);
        assertThat(RoomAudio.payloadType("", "opus")).isEqualTo(-1);
        assertThat(RoomAudio.payloadType(null, "opus")).isEqualTo(-1);
    }
}
