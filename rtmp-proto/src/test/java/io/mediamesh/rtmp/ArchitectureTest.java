package io.mediamesh.rtmp;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.mediamesh.testsupport.PureLibraryRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** rtmp-proto is a pure library: no networking I/O, frameworks, cluster, threads or clock reads. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = PureLibraryRules.importProduction("io.mediamesh.rtmp");
    }

    @Test
    void dependsOnNoIoFrameworkOrClusterLibrary() {
        PureLibraryRules.noIoFrameworkOrCluster("io.mediamesh.rtmp", "java.nio.channels..").check(classes);
    }

    @Test
    void opensNoSocketAndStartsNoThread() {
        PureLibraryRules.noSocketsOrThreads("io.mediamesh.rtmp").check(classes);
    }

    @Test
    void neverReadsTheClock() {
        PureLibraryRules.noClockReads("io.mediamesh.rtmp", "timestamps come from the encoder's messages")
                .check(classes);
    }

    @Test
    void importsTheProductionClasses() {
        assertThat(classes.contain("io.mediamesh.rtmp.session.RtmpPublishSession")).isTrue();
        assertThat(classes.contain("io.mediamesh.rtmp.rtp.H264Packetizer")).isTrue();
    }
}
