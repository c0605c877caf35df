import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mediamesh.core.sdp.LocalTransport;
import io.mediamesh.core.sdp.MediaRole;
import io.mediamesh.core.sdp.NegotiationException;
import io.mediamesh.core.sdp.SdpNegotiator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Manual proof that headless Chromium accepts SdpNegotiator's answers (not part of the Maven build).
 * Serves check.html on 127.0.0.1, answers each offer the page POSTs with SdpNegotiator, and prints
 * the page's report of setRemoteDescription. Offers and answers are written to the output directory.
 *
 * <pre>
 * ./mvnw -q -o -B -pl media-core -am compile
 * java -cp media-proto/target/classes:media-core/target/classes \
 *   media-core/src/test/resources/sdp/chromium-check/ChromiumAnswerCheck.java /tmp/chromium-check
 * </pre>
 *
 * Chromium's crashpad handler re-parents itself to PID 1, so it outlives the browser; the program
 * prints the browser's PID so the handlers started with it can be found and ended by id.
 */
public class ChromiumAnswerCheck {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "/tmp/chromium-check");
        Files.createDirectories(out);
        Path page = Path.of("media-core/src/test/resources/sdp/chromium-check/check.html");
        LocalTransport local = new LocalTransport("mmck", "mediameshcheckpassword01",
                "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89",
                List.of(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 45000),
                        new InetSocketAddress(InetAddress.getByName("::1"), 45000)));
        long[] nextSsrc = {0x1000_0001L};
        CompletableFuture<String> result = new CompletableFuture<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> reply(ex, 200, Files.readString(page), "text/html"));
        server.createContext("/answer/", ex -> {
            String[] parts = ex.getRequestURI().getPath().split("/");
            String offer = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Files.writeString(out.resolve(parts[3] + ".offer.sdp"), offer);
            try {
                String answer = SdpNegotiator.answer(offer, MediaRole.valueOf(parts[2]), local, () -> nextSsrc[0]++)
                        .answerSdp();
                Files.writeString(out.resolve(parts[3] + ".answer.sdp"), answer);
                reply(ex, 200, answer, "application/sdp");
            } catch (NegotiationException e) {
                reply(ex, 400, e.getMessage(), "text/plain");
            }
        });
        server.createContext("/result", ex -> {
            result.complete(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            reply(ex, 200, "", "text/plain");
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        Path profile = Files.createTempDirectory("chromium-check");
        Process chromium = new ProcessBuilder("/usr/bin/chromium", "--headless=new", "--no-sandbox", "--disable-gpu",
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, url)
                .redirectErrorStream(true).redirectOutput(out.resolve("chromium.log").toFile()).start();
        System.out.println("chromium pid " + chromium.pid());
        try {
            String report = result.get(90, TimeUnit.SECONDS);
            Files.writeString(out.resolve("result.json"), report);
            System.out.println(report);
        } finally {
            chromium.descendants().forEach(ProcessHandle::destroy);
            chromium.destroy();
            chromium.waitFor(10, TimeUnit.SECONDS);
            server.stop(0);
        }
    }

    private static void reply(HttpExchange ex, int status, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }
}
