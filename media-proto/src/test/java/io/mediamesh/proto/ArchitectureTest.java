package io.mediamesh.proto;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** media-proto is a pure wire-format library: no networking, frameworks, clustering or clock reads. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.mediamesh.proto");
    }

    @Test
    void dependsOnNoIoFrameworkOrClusterLibrary() {
        noClasses().that().resideInAPackage("io.mediamesh.proto..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.netty.channel..", "org.springframework..", "com.hazelcast..", "java.net.http..")
                .check(classes);
    }

    @Test
    void neverReadsTheClock() {
        noClasses().that().resideInAPackage("io.mediamesh.proto..")
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethodWhere(target(name("now")))
                .because("time is a parameter in protocol code")
                .check(classes);
    }

    @Test
    void importsTheProductionClasses() {
        // Guards against a rule passing vacuously because nothing was imported.
        assertThat(classes.contain("io.mediamesh.proto.rtp.RtpPacketView")).isTrue();
    }
}
