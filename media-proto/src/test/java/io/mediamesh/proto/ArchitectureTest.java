package io.mediamesh.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.mediamesh.testsupport.PureLibraryRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** media-proto is a pure wire-format library: no networking, frameworks, clustering or clock reads. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = PureLibraryRules.importProduction("io.mediamesh.proto");
    }

    @Test
    void dependsOnNoIoFrameworkOrClusterLibrary() {
        PureLibraryRules.noIoFrameworkOrCluster("io.mediamesh.proto").check(classes);
    }

    @Test
    void neverReadsTheClock() {
        PureLibraryRules.noClockReads("io.mediamesh.proto", "time is a parameter in protocol code").check(classes);
    }

    @Test
    void importsTheProductionClasses() {
        // Guards against a rule passing vacuously because nothing was imported.
        assertThat(classes.contain("io.mediamesh.proto.rtp.RtpPacketView")).isTrue();
    }
}
