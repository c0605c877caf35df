package io.mediamesh.overlay.sim;

/**
 * Prints the simulated convergence and re-route times quoted in media-overlay/README.md. Run with
 * {@code java -cp <test-classpath> io.mediamesh.overlay.sim.SimulationReport}.
 */
public final class SimulationReport {
    private SimulationReport() {
    }

    public static void main(String[] args) {
        for (long seed = 1; seed <= 3; seed++) {
            System.out.printf("seed %d: 5-node convergence %.1f ms%n", seed, Scenarios.convergence(seed) / 1000.0);
            Scenarios.Reroute link = Scenarios.reroute(seed, false);
            System.out.printf("seed %d: link loss  -> media resumes after %.1f ms, %d packets lost%n", seed,
                    link.resumeMicros() / 1000.0, link.lostPackets());
            Scenarios.Reroute node = Scenarios.reroute(seed, true);
            System.out.printf("seed %d: relay loss -> media resumes after %.1f ms, %d packets lost%n", seed,
                    node.resumeMicros() / 1000.0, node.lostPackets());
        }
    }
}
