package io.mediamesh.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.mediamesh.testsupport.PureLibraryRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * media-core holds sans-IO engines and pure policy: no sockets' channels, frameworks or cluster library, and the
 * clock is a parameter. The one documented exception is {@code DtlsCertificate.generate()}, which reads the wall
 * clock through {@code InstantSource.system()} for the certificate's validity (its overload takes the clock).
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = PureLibraryRules.importProduction("io.mediamesh.core");
    }

    @Test
    void dependsOnNoIoFrameworkOrClusterLibrary() {
        PureLibraryRules.noIoFrameworkOrCluster("io.mediamesh.core").check(classes);
    }

    @Test
    void neverReadsTheClock() {
        PureLibraryRules.noClockReads("io.mediamesh.core", "time is a parameter in engines and policy").check(classes);
    }

    @Test
    void importsTheProductionClasses() {
        assertThat(classes.contain("io.mediamesh.core.sfu.OutgoingStream")).isTrue();
        assertThat(classes.contain("io.mediamesh.core.ice.IceLiteAgent")).isTrue();
    }
}
