package io.mediamesh.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real SIP user agents for the end-to-end tests, as {@code shared/guides/real-clients.md} runs them: SIPp 3.6.1
 * (Debian {@code sip-tester}) with its embedded {@code uac_pcap} scenario and shipped pcaps, and baresip 1.0.0 with
 * a wav file as its microphone and the {@code sndfile} module recording what it hears.
 */
final class SipPhones {
    private SipPhones() {
    }

    /**
     * Starts SIPp placing one call to {@code number} at 127.0.0.1:{@code sipPort} with the {@code uac_pcap} scenario
     * (INVITE with PCMA, 7 s of G.711 A-law from {@code g711a.pcap}, DTMF 1 as RFC 2833, BYE), in a fresh work
     * directory holding the pcaps where the scenario looks for them ({@code ./pcap/}).
     */
    static Process sipp(Path logDir, String number, int sipPort) {
        try {
            Path work = Files.createTempDirectory("sipp-");
            Path pcaps = Files.createDirectories(work.resolve("pcap"));
            for (String pcap : List.of("g711a.pcap", "dtmf_2833_1.pcap")) {
                Files.copy(Path.of("/usr/share/sip-tester", pcap), pcaps.resolve(pcap),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            Path scenario = work.resolve("uac_pcap.xml");
            Process dump = new ProcessBuilder("sipp", "-sd", "uac_pcap").redirectOutput(scenario.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!dump.waitFor(10, TimeUnit.SECONDS) || Files.size(scenario) < 100) {
                throw new AssertionError("sipp -sd uac_pcap gave no scenario");
            }
            Files.createDirectories(logDir);
            List<String> command = List.of("sipp", "127.0.0.1:" + sipPort, "-sf", scenario.toString(),
                    "-s", number, "-i", "127.0.0.1", "-p", Integer.toString(PlatformProcess.freeUdpPort()),
                    "-mi", "127.0.0.1", "-mp", Integer.toString(evenFreePort()), "-m", "1", "-l", "1",
                    "-timeout", "40s", "-nostdin", "-trace_err", "-trace_screen");
            return new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(logDir.resolve("sipp.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start sipp", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static int evenFreePort() {
        for (int i = 0; i < 20; i++) {
            int port = PlatformProcess.freeUdpPort();
            if (port % 2 == 0 && port < 65534) {
                return port;
            }
        }
        return 42000;
    }

    /** A baresip user agent with its own config directory, wav microphone and recordings. */
    static final class Baresip implements AutoCloseable {
        final Path dir;
        final Path log;
        final Process process;
        /** The UDP port baresip's SIP listens on (its Contact). */
        final int sipPort;

        private Baresip(Path dir, Path log, Process process, int sipPort) {
            this.sipPort = sipPort;
            this.dir = dir;
            this.log = log;
            this.process = process;
        }

        /**
         * Starts baresip registering {@code user} with {@code password} at 127.0.0.1:{@code sipPort} (auto-answer,
         * PCMU/PCMA), sending a 440 Hz tone, recording what it hears, and quitting (with BYE for a call still up)
         * after {@code seconds}.
         */
        static Baresip start(Path logDir, String name, String user, String password, int sipPort, int seconds) {
            try {
                Path dir = Files.createTempDirectory("baresip-");
                Path rec = Files.createDirectories(dir.resolve("rec"));
                Path tone = dir.resolve("tone.wav");
                Process ffmpeg = new ProcessBuilder("ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                        "sine=frequency=440:duration=60:sample_rate=8000", "-ac", "1", "-c:a", "pcm_s16le",
                        tone.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (!ffmpeg.waitFor(30, TimeUnit.SECONDS) || ffmpeg.exitValue() != 0) {
                    throw new AssertionError("ffmpeg could not make the tone wav");
                }
                int listen = PlatformProcess.freeUdpPort();
                int rtp = 20000 + 2 * java.util.concurrent.ThreadLocalRandom.current().nextInt(0, 10000);
                Files.writeString(dir.resolve("config"), String.join("\n",
                        "sip_listen 127.0.0.1:" + listen,
                        "sip_transports udp",
                        "audio_source aufile," + tone,
                        "audio_player aufile,/dev/null",
                        "audio_alert aufile,/dev/null",
                        "audio_srate 8000",
                        "audio_channels 1",
                        "rtp_ports " + rtp + "-" + (rtp + 40),
                        "module_path /usr/lib/baresip/modules",
                        "module g711.so",
                        "module aufile.so",
                        "module sndfile.so",
                        "module_app account.so",
                        "module_app menu.so",
                        "snd_path " + rec,
                        "") );
                Files.writeString(dir.resolve("accounts"), "<sip:" + user + "@127.0.0.1:" + sipPort + ">;auth_pass="
                        + password + ";answermode=auto;regint=600;audio_codecs=PCMU,PCMA\n");
                Files.createDirectories(logDir);
                Path log = logDir.resolve("baresip-" + name + ".log");
                Process process = new ProcessBuilder("baresip", "-4", "-f", dir.toString(), "-t",
                        Integer.toString(seconds)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                return new Baresip(dir, log, process, listen);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start baresip", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }

        String output() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "";
            }
        }

        /** The newest recording of what baresip received (decoded), if any. */
        Optional<Path> received() {
            try (Stream<Path> files = Files.list(dir.resolve("rec"))) {
                return files.filter(p -> p.toString().endsWith("-dec.wav"))
                        .max(Comparator.comparing(Path::toString));
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        @Override
        public void close() {
            List<ProcessHandle> tree = new ArrayList<>();
            process.descendants().forEach(tree::add);
            tree.add(process.toHandle());
            tree.forEach(ProcessHandle::destroy);
        }
    }

    /**
     * The loudest 100 ms of a 16-bit mono wav, as RMS relative to full scale (0..1); the WAV header is skipped by
     * looking for the {@code data} chunk.
     */
    static double peakRms(Path wav) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(wav);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int data = 12;
        int length = 0;
        while (data + 8 <= bytes.length) {
            String id = new String(bytes, data, 4, java.nio.charset.StandardCharsets.US_ASCII);
            length = (bytes[data + 4] & 0xff) | (bytes[data + 5] & 0xff) << 8 | (bytes[data + 6] & 0xff) << 16
                    | (bytes[data + 7] & 0xff) << 24;
            data += 8;
            if (id.equals("data")) {
                break;
            }
            data += length;
        }
        int available = bytes.length - data;
        // A recording whose header was not finalised says 0 (or too much): take what is there.
        int samples = Math.max(0, (length <= 0 || length > available ? available : length) / 2);
        int window = 800;
        double best = 0;
        for (int start = 0; start + window <= samples; start += window) {
            double sum = 0;
            for (int i = start; i < start + window; i++) {
                int at = data + 2 * i;
                short s = (short) ((bytes[at] & 0xff) | bytes[at + 1] << 8);
                sum += (double) s * s;
            }
            best = Math.max(best, Math.sqrt(sum / window) / 32768.0);
        }
        return best;
    }
}
