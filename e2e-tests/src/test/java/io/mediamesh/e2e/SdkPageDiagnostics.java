package io.mediamesh.e2e;

import io.mediamesh.testsupport.chromium.ChromiumDevTools;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * For the tests whose browsers run an SDK page script exposing {@code window.mm.all()}: when a test fails, prints each
 * browser's diagnostics and page state, then the cluster's log tails.
 */
final class SdkPageDiagnostics implements TestWatcher {
    private final Map<String, ChromiumDevTools> browsers;
    private final Supplier<ClusterProcess> cluster;

    /**
     * @param browsers the test's browsers by peer name, read when a test fails
     * @param cluster  the test's cluster then, or null
     */
    SdkPageDiagnostics(Map<String, ChromiumDevTools> browsers, Supplier<ClusterProcess> cluster) {
        this.browsers = browsers;
        this.cluster = cluster;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        StringBuilder out = new StringBuilder("==== diagnostics for " + context.getDisplayName() + " ====\n");
        browsers.forEach((name, browser) -> {
            out.append(name).append(": ").append(browser.diagnostics()).append('\n');
            try {
                out.append(name).append(" state: ").append(browser.evaluateJson("window.mm.all()")).append('\n');
            } catch (RuntimeException | AssertionError e) {
                out.append(name).append(" state unavailable: ").append(e.getMessage()).append('\n');
            }
        });
        ClusterProcess running = cluster.get();
        if (running != null) {
            out.append(running.logTails());
        }
        System.err.println(out);
    }
}
