package io.mediamesh.node.cluster;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.function.DoubleSupplier;

/**
 * This process's recent CPU use as a share of the whole machine (0 to 1), from the JDK's
 * {@code com.sun.management.OperatingSystemMXBean}. Reports 0 where the JVM cannot measure it, so an unmeasured node
 * is judged on its session count alone.
 */
public final class ProcessCpu implements DoubleSupplier {

    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();

    @Override
    public double getAsDouble() {
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            double load = sun.getProcessCpuLoad();
            if (load >= 0 && load <= 1) {
                return load;
            }
        }
        return 0;
    }
}
