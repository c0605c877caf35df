package io.mediamesh.core;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.mediamesh.core");
    }

    @Test
    void dependsOnNoIoFrameworkOrClusterLibrary() {
        noClasses().that().resideInAPackage("io.mediamesh.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.netty.channel..", "org.springframework..", "com.hazelcast..", "java.net.http..")
                .check(classes);
    }

    @Test
    void neverReadsTheClock() {
        noClasses().that().resideInAPackage("io.mediamesh.core..")
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethodWhere(target(name("now")))
                .because("time is a parameter in engines and policy")
                .check(classes);
    }

    @Test
    void importsTheProductionClasses() {
        assertThat(classes.contain("io.mediamesh.core.sfu.OutgoingStream")).isTrue();
        assertThat(classes.contain("io.mediamesh.core.ice.IceLiteAgent")).isTrue();
    }
}
