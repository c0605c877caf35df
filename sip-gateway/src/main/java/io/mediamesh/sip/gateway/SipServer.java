package io.mediamesh.sip.gateway;

import io.mediamesh.sip.auth.DigestAlgorithm;
import io.mediamesh.sip.bridge.CallMediaFactory;
import io.mediamesh.sip.dialog.BindingTable;
import io.mediamesh.sip.gateway.auth.AccountStore;
import io.mediamesh.sip.gateway.auth.DigestAuthenticator;
import io.mediamesh.sip.gateway.call.CallEventSink;
import io.mediamesh.sip.gateway.call.DialPlan;
import io.mediamesh.sip.gateway.call.EngineSettings;
import io.mediamesh.sip.gateway.call.Registrar;
import io.mediamesh.sip.gateway.call.SipEngine;
import io.mediamesh.sip.gateway.transport.NettySipTransport;
import io.mediamesh.sip.gateway.transport.SipInbound;
import io.mediamesh.sip.transaction.Endpoint;
import io.mediamesh.sip.transaction.SipTimers;
import io.mediamesh.sip.transaction.TransactionLayer;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SIP side of the service: one event loop thread ({@code sip-loop}) that owns the transport's channels, the
 * transaction layer and the engine, and two threads that open calls' media (port binding) off that loop. Started by the configuration, closed with the context.
 */
public final class SipServer implements AutoCloseable {
    private final EventLoopGroup group;
    private final ExecutorService opener;
    private final NettySipTransport transport;
    private final SipEngine engine;

    private SipServer(EventLoopGroup group, ExecutorService opener, NettySipTransport transport, SipEngine engine) {
        this.group = group;
        this.opener = opener;
        this.transport = transport;
        this.engine = engine;
    }

    static SipServer start(SipGatewayProperties properties, CallMediaFactory media, DialPlan dialPlan,
            AccountStore accounts, CallEventSink sink, MeterRegistry meters) {
        List<String> errors = new ArrayList<>();
        List<DigestAlgorithm> algorithms = SettingsCheck.algorithms(properties, errors);
        SettingsCheck.engineSettings(properties, properties.port()); // fails fast, before binding anything
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, r -> {
            Thread thread = new Thread(r, "sip-loop");
            thread.setDaemon(true);
            return thread;
        }, NioIoHandler.newFactory());
        AtomicInteger openers = new AtomicInteger();
        ExecutorService opener = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "sip-media-open-" + openers.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            EventLoop loop = group.next();
            SecureRandom random = new SecureRandom();
            byte[] key = new byte[32];
            random.nextBytes(key);
            Forwarder forwarder = new Forwarder();
            NettySipTransport transport = NettySipTransport.start(loop, properties.port(), properties.tcp(),
                    forwarder);
            EngineSettings settings = SettingsCheck.engineSettings(properties, transport.port());
            DigestAuthenticator authenticator = new DigestAuthenticator(properties.realm(), algorithms,
                    properties.nonceLifetime().toMillis(), properties.maxAuthFailures(), key);
            SipEngine engine = new SipEngine(loop, new TransactionLayer(SipTimers.DEFAULT, random), settings, media,
                    opener, dialPlan, sink, new Registrar.Parts(authenticator, accounts, new BindingTable()), meters);
            engine.attach(transport);
            forwarder.engine = engine;
            return new SipServer(group, opener, transport, engine);
        } catch (RuntimeException e) {
            opener.shutdown();
            group.shutdownGracefully();
            throw e;
        }
    }

    /** Hands messages to the engine once it exists (the transport is bound first, for the port). */
    private static final class Forwarder implements SipInbound {
        private volatile SipEngine engine;

        @Override
        public void onMessage(byte[] message, Endpoint source) {
            SipEngine target = engine;
            if (target != null) {
                target.onMessage(message, source);
            }
        }

        @Override
        public void onUnframeable(Endpoint source, String reason) {
            SipEngine target = engine;
            if (target != null) {
                target.onUnframeable(source, reason);
            }
        }
    }

    public SipEngine engine() {
        return engine;
    }

    /** The bound SIP port (UDP and TCP). */
    public int port() {
        return transport.port();
    }

    @Override
    public void close() {
        try {
            int ended = engine.hangupAll().get(2, java.util.concurrent.TimeUnit.SECONDS);
            if (ended > 0) {
                Thread.sleep(200); // let the BYEs leave before the sockets close
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // stopping anyway
        }
        try {
            transport.close();
            opener.shutdown();
        } finally {
            group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
