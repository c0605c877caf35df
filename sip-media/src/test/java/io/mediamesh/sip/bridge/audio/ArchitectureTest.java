package io.mediamesh.sip.bridge.audio;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.mediamesh.testsupport.PureLibraryRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audio paths are pure: no Netty channels, cluster, sockets, threads or clock reads; the Netty side is apart. */
class ArchitectureTest {
    private static final String PACKAGE = "io.mediamesh.sip.bridge.audio";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = PureLibraryRules.importProduction(PACKAGE);
    }

    @Test
    void dependsOnNoIoFrameworkOrCluster() {
        PureLibraryRules.noIoFrameworkOrCluster(PACKAGE, "io.netty..", "io.mediamesh.clustermedia..").check(classes);
    }

    @Test
    void opensNoSocketAndStartsNoThread() {
        PureLibraryRules.noSocketsOrThreads(PACKAGE).check(classes);
    }

    @Test
    void neverReadsTheClock() {
        PureLibraryRules.noClockReads(PACKAGE, "the 20 ms tick and packet arrivals take the time as a parameter")
                .check(classes);
    }
}
