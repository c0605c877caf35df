package io.mediamesh.deploy;

import io.mediamesh.cluster.ClusterConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The settings a service really reads, as the environment names a deployment may set: the keys and {@code ${ENV}}
 * placeholders of its {@code application.yml}, the components of its {@code @ConfigurationProperties} records (found
 * in the module's compiled classes, so a renamed record component breaks the deployment tests), the cluster
 * settings bound from {@code mediamesh.cluster} ({@link ClusterConfig}), and Spring Boot's own documented properties
 * (configuration metadata on the class path). An environment variable matches a property the way Spring's relaxed
 * binding does: upper case, {@code _} for {@code .} and {@code -}, or no separator for {@code -}.
 */
final class ServiceSettings {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern METADATA_NAME = Pattern.compile("\"name\"\\s*:\\s*\"([a-z0-9.\\-\\[\\]]+)\"");
    /** Settings bound with a Binder rather than an annotation: the shared cluster settings. */
    private static final Map<Class<?>, String> BOUND_ELSEWHERE = Map.of(ClusterConfig.class, "mediamesh.cluster");

    private final String module;
    private final Set<String> placeholders = new TreeSet<>();
    private final Set<String> canonicalProperties = new HashSet<>();
    private final Set<String> properties = new TreeSet<>();
    /** Canonical names of List and Map settings: Spring binds indexed or keyed names below them. */
    private final Set<String> collectionPrefixes = new HashSet<>();

    private ServiceSettings(String module) {
        this.module = module;
    }

    /** The catalogue of a module of this repository that is on the test class path. */
    static ServiceSettings of(String module) {
        ServiceSettings settings = new ServiceSettings(module);
        Path yml = DeployFiles.path(module).resolve("src/main/resources/application.yml");
        String text = DeployFiles.read(yml);
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            settings.placeholders.add(m.group(1));
        }
        flatten("", DeployFiles.document(yml), settings::addProperty);
        Path classes = DeployFiles.path(module).resolve("target/classes");
        if (!Files.isDirectory(classes)) {
            throw new IllegalStateException(classes + " is missing: build " + module + " first (-am)");
        }
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, ServiceSettings.class.getClassLoader());
                ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
                if (annotation != null && type.isRecord()) {
                    String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
                    settings.addRecord(prefix, type);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(module + " is not on the deploy-tests class path", e);
        }
        BOUND_ELSEWHERE.forEach((type, prefix) -> settings.addRecord(prefix, type));
        settings.addSpringBootMetadata();
        return settings;
    }

    /** Whether setting {@code env} reaches one of this service's settings. */
    boolean reads(String env) {
        String name = canonical(env);
        if (placeholders.contains(env) || canonicalProperties.contains(name)) {
            return true;
        }
        // MEDIAMESH_SIP_ACCOUNTS_0_USER binds to accounts[0].user, MEDIAMESH_SIP_ROOMS_100 to rooms[100].
        for (String prefix : collectionPrefixes) {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                return true;
            }
        }
        return false;
    }

    /** The environment names written as placeholders in application.yml. */
    Set<String> placeholders() {
        return placeholders;
    }

    /** The names of this service's own settings (without Spring Boot's). */
    Set<String> properties() {
        return properties;
    }

    String module() {
        return module;
    }

    private void addRecord(String prefix, Class<?> type) {
        for (RecordComponent component : type.getRecordComponents()) {
            String name = prefix + "." + kebab(component.getName());
            Class<?> value = component.getType();
            if (value.isRecord() && value.getName().startsWith("io.mediamesh.")) {
                addRecord(name, value);
            } else if (java.util.List.class.isAssignableFrom(value) || Map.class.isAssignableFrom(value)) {
                addProperty(name);
                collectionPrefixes.add(canonical(name));
            } else {
                addProperty(name);
            }
        }
    }

    private void addProperty(String name) {
        if (name.startsWith("mediamesh.") || name.startsWith("server.")) {
            properties.add(name);
        }
        canonicalProperties.add(canonical(name));
    }

    private void addSpringBootMetadata() {
        try {
            Enumeration<URL> resources = ServiceSettings.class.getClassLoader()
                    .getResources("META-INF/spring-configuration-metadata.json");
            while (resources.hasMoreElements()) {
                try (InputStream in = resources.nextElement().openStream()) {
                    Matcher m = METADATA_NAME.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    while (m.find()) {
                        canonicalProperties.add(canonical(m.group(1)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object value, java.util.function.Consumer<String> sink) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : ((Map<Object, Object>) map).entrySet()) {
                String key = prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey();
                flatten(key, e.getValue(), sink);
            }
        } else {
            sink.accept(prefix);
        }
    }

    static String canonical(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return module + " " + properties;
    }
}
