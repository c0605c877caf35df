package io.mediamesh.testsupport.chromium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DevTools client against a real headless Chromium and a page served by {@link ResultServer}. One browser
 * serves every case but the one that closes it; each case reloads the page. Fails (never skips) without Chromium.
 */
class ChromiumDevToolsTest {
    private static final Path LOG_DIR = Path.of("target", "chromium-logs");
    private static ResultServer server;
    private static ChromiumDevTools chromium;

    @BeforeAll
    static void start() {
        server = ResultServer.start("pages");
        chromium = ChromiumDevTools.launch(LOG_DIR);
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        server.close();
    }

    @BeforeEach
    void loadThePage() {
        chromium.navigate(server.pageUri("devtools.html", Map.of()));
    }

    @Test
    void evaluatesExpressionsAndAwaitsPromises() {
        assertThat(chromium.evaluate("document.title")).isEqualTo("devtools");
        assertThat(chromium.evaluate("1 + 2")).isEqualTo(3.0);
        assertThat(chromium.evaluate("window.later('late', 50)")).isEqualTo("late");
        assertThat(chromium.evaluate("({ list: [true, null, 'x'] })"))
                .isEqualTo(Map.of("list", java.util.Arrays.asList(true, null, "x")));
        assertThat(chromium.evaluate("undefined")).isNull();

        Json json = chromium.evaluateJson("window.later({ frames: 61, state: 'connected' }, 20)");
        assertThat(json.number("frames")).isEqualTo(61.0);
        assertThat(json.string("state")).isEqualTo("connected");
    }

    @Test
    void fillsFieldsAndClicksButtonsLikeAPerson() {
        chromium.fill("#name", "Ada \"Countess\" O'Brien \\o/");
        chromium.click("#greet");

        chromium.awaitTrue("document.getElementById('out').textContent.startsWith('Hello, Ada')", Duration.ofSeconds(5));
        Json posted = server.awaitJson("greeting", Duration.ofSeconds(5), j -> j.has("text"));
        assertThat(posted.string("text")).isEqualTo("Hello, Ada \"Countess\" O'Brien \\o/!");
    }

    @Test
    void clickingWhatCannotBeClickedFails() {
        assertThatThrownBy(() -> chromium.click("#never"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("#never is disabled");
        assertThatThrownBy(() -> chromium.click("#missing"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no element matches #missing");
    }

    @Test
    void javaScriptErrorsAndRejectedPromisesAreReported() {
        assertThatThrownBy(() -> chromium.evaluate("null.x"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("TypeError");
        assertThatThrownBy(() -> chromium.evaluate("Promise.reject(new Error('nope'))"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> chromium.evaluateJson("42"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not an object: 42");
    }

    @Test
    void awaitingAConditionThatNeverHoldsFailsWithTheLastValue() {
        assertThatThrownBy(() -> chromium.awaitJson("({ n: 7 })", Duration.ofMillis(300), j -> j.number("n") > 7))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("last: {\"n\":7}")
                .hasMessageContaining("page console");
    }

    @Test
    void theConsoleOfThePageIsKept() {
        chromium.evaluate("setTimeout(() => { throw new Error('boom in a timer'); }, 0); true");
        chromium.awaitTrue("window.later(true, 50)", Duration.ofSeconds(5));

        List<String> console = chromium.consoleMessages();
        assertThat(console).contains("log: devtools page ready 42");
        assertThat(console).anyMatch(line -> line.startsWith("uncaught: ") && line.contains("boom in a timer"));
    }

    @Test
    void aPageThatCannotBeLoadedFailsWithTheNetError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort + "/");
        assertThatThrownBy(() -> chromium.navigate(nowhere))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ERR_CONNECTION_REFUSED");
    }

    @Test
    void closeEndsTheBrowserAndItsProfile() {
        ChromiumDevTools own = ChromiumDevTools.launch(LOG_DIR);
        Path profile = own.browser().profileDir();
        assertThat(own.evaluate("navigator.webdriver")).as("driven over DevTools").isEqualTo(true);

        own.close();

        assertThat(own.browser().isAlive()).isFalse();
        assertThat(Files.exists(profile)).as("profile dir deleted").isFalse();
        assertThat(ProcessScan.pidsWhoseCommandLineContains(profile.toString())).isEmpty();
        assertThatThrownBy(() -> own.evaluate("1")).isInstanceOf(IllegalStateException.class);
        own.close();
    }
}
