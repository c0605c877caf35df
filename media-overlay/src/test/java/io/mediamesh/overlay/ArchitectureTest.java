package io.mediamesh.overlay;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.mediamesh.testsupport.PureLibraryRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** media-overlay is a sans-IO library: no networking I/O, frameworks, clustering, threads or clock reads. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = PureLibraryRules.importProduction("io.mediamesh.overlay");
    }

    @Test
    void dependsOnNoIoFrameworkOrClusterLibrary() {
        PureLibraryRules.noIoFrameworkOrCluster("io.mediamesh.overlay", "java.nio.channels..").check(classes);
    }

    @Test
    void opensNoSocketAndStartsNoThread() {
        PureLibraryRules.noSocketsOrThreads("io.mediamesh.overlay").check(classes);
    }

    @Test
    void neverReadsTheClock() {
        PureLibraryRules.noClockReads("io.mediamesh.overlay", "time is a parameter in the overlay engine").check(classes);
    }

    @Test
    void importsTheProductionClasses() {
        // Guards against a rule passing vacuously because nothing was imported.
        assertThat(classes.contain("io.mediamesh.overlay.OverlayNode")).isTrue();
        assertThat(classes.contain("io.mediamesh.overlay.pubsub.PubSubEngine")).isTrue();
    }
}
