package io.mediamesh.testsupport;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The ArchUnit rules every pure library of the project checks (media-proto, media-core, media-overlay): no Netty
 * channels, Spring, Hazelcast or HTTP client, and no clock reads, because time is a parameter there.
 */
public final class PureLibraryRules {
    private static final List<String> FORBIDDEN_PACKAGES =
            List.of("io.netty.channel..", "org.springframework..", "com.hazelcast..", "java.net.http..");

    private PureLibraryRules() {
    }

    /** The production classes (no tests) of {@code rootPackage} and below. */
    public static JavaClasses importProduction(String rootPackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
    }

    /** No dependency on I/O channels, frameworks or the cluster library (plus {@code morePackages}). */
    public static ArchRule noIoFrameworkOrCluster(String rootPackage, String... morePackages) {
        List<String> forbidden = new ArrayList<>(FORBIDDEN_PACKAGES);
        forbidden.addAll(List.of(morePackages));
        return noClasses().that().resideInAPackage(rootPackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new));
    }

    /** No call to {@code System.currentTimeMillis()}, {@code System.nanoTime()} or any method named {@code now}. */
    public static ArchRule noClockReads(String rootPackage, String because) {
        return noClasses().that().resideInAPackage(rootPackage + "..")
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethodWhere(target(name("now")))
                .because(because);
    }

    /** No sockets, no threads, no executors: a pure library is driven by its caller. */
    public static ArchRule noSocketsOrThreads(String rootPackage) {
        return noClasses().that().resideInAPackage(rootPackage + "..")
                .should().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.DatagramSocket")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.ServerSocket")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
                .orShould().dependOnClassesThat().resideInAPackage("java.util.concurrent..");
    }
}
