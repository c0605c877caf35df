package io.mediamesh.core.ice;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.proto.stun.StunAttribute;
import io.mediamesh.proto.stun.StunMessage;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IceLiteAgentTest {
    private static final IceCredentials LOCAL = new IceCredentials("localUfrag", "localPassword0123456789");
    private static final InetSocketAddress PEER_A = new InetSocketAddress("127.0.0.1", 50000);
    private static final InetSocketAddress PEER_B = new InetSocketAddress("192.0.2.2", 50001);
    private static final IceConfig CONFIG = new IceConfig(5_000_000, 30_000_000);

    private static StunMessage check(String username, StunAttribute... extra) {
        List<StunAttribute> attributes = new ArrayList<>();
        attributes.add(new StunAttribute.Username(username));
        attributes.add(new StunAttribute.IceControlling(42));
        attributes.addAll(List.of(extra));
        return new StunMessage(StunMessage.BINDING_REQUEST, new byte[12], attributes);
    }

    @Test
    void firstValidCheckSelectsItsPairAndAnswersWithTheMappedAddress() {
        IceLiteAgent agent = new IceLiteAgent(LOCAL, "remote", CONFIG, 0);
        BindingOutcome outcome = agent.handleBindingRequest(check("localUfrag:remote"), true, PEER_A, 1_000);

        assertThat(outcome.response().type()).isEqualTo(StunMessage.BINDING_SUCCESS);
        assertThat(outcome.response().attribute(StunAttribute.XorMappedAddress.class))
                .contains(new StunAttribute.XorMappedAddress(PEER_A));
        assertThat(outcome.integrityKey()).isEqualTo(LOCAL.integrityKey());
        assertThat(outcome.selected()).isEqualTo(PEER_A);
        assertThat(agent.state()).isEqualTo(IceState.CONNECTED);
    }

    @Test
    void nominationMovesMediaToTheNominatedPairOnce() {
        IceLiteAgent agent = new IceLiteAgent(LOCAL, "remote", CONFIG, 0);
        agent.handleBindingRequest(check("localUfrag:remote"), true, PEER_A, 1_000);

        BindingOutcome plainCheck = agent.handleBindingRequest(check("localUfrag:remote"), true, PEER_B, 2_000);
        assertThat(plainCheck.selected()).isNull();
        BindingOutcome nominated = agent.handleBindingRequest(
                check("localUfrag:remote", new StunAttribute.UseCandidate()), true, PEER_B, 3_000);
        assertThat(nominated.selected()).isEqualTo(PEER_B);
        BindingOutcome again = agent.handleBindingRequest(
                check("localUfrag:remote", new StunAttribute.UseCandidate()), true, PEER_B, 4_000);
        assertThat(again.selected()).isNull();
        assertThat(agent.selected()).isEqualTo(PEER_B);
    }

    @Test
    void badIntegrityOrUsernameGets401AndSelectsNothing() {
        IceLiteAgent agent = new IceLiteAgent(LOCAL, "remote", CONFIG, 0);
        BindingOutcome badIntegrity = agent.handleBindingRequest(check("localUfrag:remote"), false, PEER_A, 1);
        BindingOutcome wrongRemote = agent.handleBindingRequest(check("localUfrag:other"), true, PEER_A, 1);
        BindingOutcome wrongLocal = agent.handleBindingRequest(check("nope:remote"), true, PEER_A, 1);

        for (BindingOutcome outcome : List.of(badIntegrity, wrongRemote, wrongLocal)) {
            assertThat(outcome.response().type()).isEqualTo(StunMessage.BINDING_ERROR);
            assertThat(outcome.response().attribute(StunAttribute.ErrorCode.class).orElseThrow().code())
                    .isEqualTo(401);
            assertThat(outcome.integrityKey()).isNull();
            assertThat(outcome.selected()).isNull();
        }
        assertThat(agent.state()).isEqualTo(IceState.NEW);
    }

    @Test
    void controlledPeerIsARoleConflict() {
        IceLiteAgent agent = new IceLiteAgent(LOCAL, null, CONFIG, 0);
        StunMessage request = new StunMessage(StunMessage.BINDING_REQUEST, new byte[12],
                List.of(new StunAttribute.Username("localUfrag:x"), new StunAttribute.IceControlled(1)));
        BindingOutcome outcome = agent.handleBindingRequest(request, true, PEER_A, 1);
        assertThat(outcome.response().attribute(StunAttribute.ErrorCode.class).orElseThrow().code()).isEqualTo(487);
    }

    @Test
    void sessionThatNeverConnectsClosesAtTheConnectTimeout() {
        IceLiteAgent agent = new IceLiteAgent(LOCAL, "remote", CONFIG, 1_000);
        assertThat(agent.pollTimeoutMicros()).isEqualTo(5_001_000);
        assertThat(agent.handleTimeout(5_000_999)).isEqualTo(IceState.NEW);
        assertThat(agent.handleTimeout(5_001_000)).isEqualTo(IceState.CLOSED);
    }

    @Test
    void consentExpiresThirtySecondsAfterTheLastValidCheck() {
        IceLiteAgent agent = new IceLiteAgent(LOCAL, "remote", CONFIG, 0);
        agent.handleBindingRequest(check("localUfrag:remote"), true, PEER_A, 1_000_000);
        agent.handleBindingRequest(check("localUfrag:remote"), true, PEER_A, 20_000_000);
        // An invalid check gives no consent (RFC 7675 §5.1).
        agent.handleBindingRequest(check("localUfrag:remote"), false, PEER_A, 40_000_000);

        assertThat(agent.handleTimeout(49_999_999)).isEqualTo(IceState.CONNECTED);
        assertThat(agent.handleTimeout(50_000_000)).isEqualTo(IceState.CLOSED);
        assertThat(agent.handleBindingRequest(check("localUfrag:remote"), true, PEER_A, 50_000_001)
                .response().type()).isEqualTo(StunMessage.BINDING_ERROR);
    }

    @Test
    void randomCredentialsAreLongEnoughAndDistinct() {
        IceCredentials a = IceCredentials.random();
        IceCredentials b = IceCredentials.random();
        assertThat(a.ufrag()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(a.pwd()).hasSizeGreaterThanOrEqualTo(22);
        assertThat(a).isNotEqualTo(b);
    }
}
