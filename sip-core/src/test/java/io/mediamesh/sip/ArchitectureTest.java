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
        assertThat(classes.contain("io.mediamesh.sip.media.G711")).isTrue();
        assertThat(classes.contain("io.mediamesh.sip.auth.DigestCalculator")).isTrue();
        assertThat(classes.contain("io.mediamesh.sip.message.SipParser")).isTrue();
        assertThat(classes.contain("io.mediamesh.sip.message.SipStreamFramer")).isTrue();
        assertThat(classes.contain("io.mediamesh.sip.message.SipMessage")).isTrue();
        assertThat(classes.contain("io.mediamesh.sip.transaction.TransactionLayer")).isTrue();
        assertThat(classes.contain("io.mediamesh.sip.transaction.ServerInviteTransaction")).isTrue();
        assertThat(classes.contain("io.mediamesh.sip.transaction.ClientInviteTransaction")).isTrue();
    }
}
