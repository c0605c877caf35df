package io.mediamesh.overlay;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** media-overlay is a sans-IO library: no networking I/O, frameworks, clustering, threads or clock reads. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.mediamesh.overlay");
    }

    @Test
    void dependsOnNoIoFrameworkOrClusterLibrary() {
        noClasses().that().resideInAPackage("io.mediamesh.overlay..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.netty.channel..", "org.springframework..", "com.hazelcast..", "java.net.http..",
                        "java.nio.channels..")
                .check(classes);
    }

    @Test
    void opensNoSocketAndStartsNoThread() {
        noClasses().that().resideInAPackage("io.mediamesh.overlay..")
                .should().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.DatagramSocket")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.ServerSocket")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
                .orShould().dependOnClassesThat().resideInAPackage("java.util.concurrent..")
                .check(classes);
    }

    @Test
    void neverReadsTheClock() {
        noClasses().that().resideInAPackage("io.mediamesh.overlay..")
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethodWhere(target(name("now")))
                .because("time is a parameter in the overlay engine")
                .check(classes);
    }

    @Test
    void importsTheProductionClasses() {
        // Guards against a rule passing vacuously because nothing was imported.
        assertThat(classes.contain("io.mediamesh.overlay.OverlayNode")).isTrue();
        assertThat(classes.contain("io.mediamesh.overlay.pubsub.PubSubEngine")).isTrue();
    }
}
