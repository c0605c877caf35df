/**
 * Drives a real headless Chromium without any WebDriver: the test serves a page from a {@link
 * io.mediamesh.testsupport.chromium.ResultServer} on 127.0.0.1, launches the browser on that page with {@link
 * io.mediamesh.testsupport.chromium.ChromiumBrowser}, and the page posts JSON progress to {@code /result/{key}}.
 *
 * <p>Contract: Chromium is required. A missing binary makes the test fail with install instructions; it never
 * skips. Every browser is a separate process tree with its own throw-away profile; {@code close()} kills the
 * whole tree, including the {@code chrome_crashpad_handler} that Chromium re-parents to PID 1.
 *
 * <p>To test a page written for people rather than for the test, {@link
 * io.mediamesh.testsupport.chromium.ChromiumDevTools} drives the browser over the Chrome DevTools Protocol (the JDK's
 * WebSocket client, no driver binary): navigate, fill fields, click buttons, evaluate expressions and poll them.
 *
 * <p>Threads: {@code ResultServer} answers on its own executor and is safe to query from any thread;
 * {@code ChromiumBrowser} and {@code ChromiumDevTools} are meant to be used by one test thread. {@link
 * io.mediamesh.testsupport.chromium.Json} is a small reader for the flat JSON the pages post, and {@link
 * io.mediamesh.testsupport.chromium.JsonWriter} writes the JSON of DevTools commands.
 */
package io.mediamesh.testsupport.chromium;
