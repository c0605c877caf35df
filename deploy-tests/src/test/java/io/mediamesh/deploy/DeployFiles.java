package io.mediamesh.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The repository's deployment files, and YAML access to them. */
final class DeployFiles {
    /** The service modules that get an image, in the order of docker/ and bin/build-images. */
    static final List<String> SERVICES = List.of("gateway-service", "media-node-service", "signaling-service",
            "rtmp-ingest", "sip-gateway");

    private DeployFiles() {
    }

    /** The repository root: the first parent (of the working directory) whose pom.xml lists deploy-tests. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path pom = p.resolve("pom.xml");
            if (Files.isRegularFile(pom) && read(pom).contains("<module>deploy-tests</module>")) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root above " + dir);
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean moduleExists(String module) {
        return Files.isRegularFile(path(module).resolve("pom.xml"));
    }

    /** Every YAML document in {@code text} (empty documents dropped). */
    static List<Map<String, Object>> documents(String text) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (Object doc : yaml().loadAll(text)) {
            if (doc != null) {
                result.add(map(doc));
            }
        }
        return result;
    }

    static Map<String, Object> document(Path file) {
        return map(yaml().load(read(file)));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) Objects.requireNonNull(value, "expected a mapping");
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }

    /** The value at a dotted path of mappings, or null. */
    static Object at(Map<String, Object> doc, String dotted) {
        Object current = doc;
        for (String key : dotted.split("\\.")) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(200);
        return new Yaml(new SafeConstructor(options));
    }
}
