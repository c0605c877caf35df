package io.mediamesh.sip;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.mediamesh.testsupport.PureLibraryRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** sip-core is a pure library: no networking I/O, frameworks, cluster, threads or clock reads. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = PureLibraryRules.importProduction("io.mediamesh.sip");
    }

    @Test
    void dependsOnNoIoFrameworkOrClusterLibrary() {
        PureLibraryRules.noIoFrameworkOrCluster("io.mediamesh.sip", "java.nio.channels..").check(classes);
    }

    @Test
    void opensNoSocketAndStartsNoThread() {
        PureLibraryRules.noSocketsOrThreads("io.mediamesh.sip").check(classes);
    }

    @Test
    void neverReadsTheClock() {
        PureLibraryRules.noClockReads("io.mediamesh.sip", "SIP timers take the time as a parameter").check(classes);
    }

    @Test
    void importsTheProductionClasses() {
        for (String name : new String[] {"io.mediamesh.sip.media.G711", "io.mediamesh.sip.media.Resampler8To48",
                "io.mediamesh.sip.media.Resampler48To8", "io.mediamesh.sip.media.JitterBuffer",
                "io.mediamesh.sip.media.AudioMixer", "io.mediamesh.sip.media.Rfc6464",
                "io.mediamesh.sip.media.dtmf.TelephoneEvent", "io.mediamesh.sip.media.dtmf.DtmfDetector",
                "io.mediamesh.sip.sdp.SdpParser", "io.mediamesh.sip.sdp.SipSdp",
                "io.mediamesh.sip.auth.DigestCalculator", "io.mediamesh.sip.message.SipParser",
                "io.mediamesh.sip.message.SipStreamFramer", "io.mediamesh.sip.message.SipMessage",
                "io.mediamesh.sip.transaction.TransactionLayer", "io.mediamesh.sip.transaction.ServerInviteTransaction",
                "io.mediamesh.sip.transaction.ClientInviteTransaction", "io.mediamesh.sip.dialog.Dialog",
                "io.mediamesh.sip.dialog.BindingTable"}) {
            assertThat(classes.contain(name)).as(name).isTrue();
        }
    }
}
