package io.mediamesh.deploy;

import static io.mediamesh.deploy.DeployFiles.at;
import static io.mediamesh.deploy.DeployFiles.list;
import static io.mediamesh.deploy.DeployFiles.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Kubernetes objects rendered from the chart, with the accessors the tests need. */
record Manifests(List<Map<String, Object>> objects) {
    static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet");

    List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    Map<String, Object> get(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(name(o))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + kindsAndNames()));
    }

    List<Map<String, Object>> workloads() {
        return objects.stream().filter(o -> WORKLOADS.contains(o.get("kind"))).toList();
    }

    List<String> kindsAndNames() {
        return objects.stream().map(o -> o.get("kind") + "/" + name(o)).sorted().toList();
    }

    static String name(Map<String, Object> object) {
        return String.valueOf(at(object, "metadata.name"));
    }

    static Map<String, Object> podSpec(Map<String, Object> workload) {
        return map(at(workload, "spec.template.spec"));
    }

    static Map<String, Object> podLabels(Map<String, Object> workload) {
        return map(at(workload, "spec.template.metadata.labels"));
    }

    static List<Map<String, Object>> containers(Map<String, Object> workload) {
        return list(podSpec(workload).get("containers")).stream().map(DeployFiles::map).toList();
    }

    static List<Map<String, Object>> initContainers(Map<String, Object> workload) {
        return list(podSpec(workload).get("initContainers")).stream().map(DeployFiles::map).toList();
    }

    /** The module an image of ours belongs to: {@code <registry>/<module>:<tag>}. */
    static String module(Map<String, Object> container) {
        String image = String.valueOf(container.get("image"));
        return image.substring(image.lastIndexOf('/') + 1, image.lastIndexOf(':'));
    }

    /** A container's env entries by name (plain values; null for valueFrom). */
    static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Object entry : list(container.get("env"))) {
            Map<String, Object> e = map(entry);
            Object value = e.get("value");
            if (result.containsKey(String.valueOf(e.get("name")))) {
                throw new AssertionError("env " + e.get("name") + " set twice in " + container.get("name"));
            }
            result.put(String.valueOf(e.get("name")), value == null ? null : String.valueOf(value));
        }
        return result;
    }

    static List<Map<String, Object>> envEntries(Map<String, Object> container) {
        return list(container.get("env")).stream().map(DeployFiles::map).toList();
    }

    static List<Map<String, Object>> ports(Map<String, Object> container) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (Object p : list(container.get("ports"))) {
            result.add(map(p));
        }
        return result;
    }

    static Map<String, Object> port(Map<String, Object> container, String name) {
        return ports(container).stream().filter(p -> name.equals(p.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError(container.get("name") + " has no port named " + name));
    }
}
