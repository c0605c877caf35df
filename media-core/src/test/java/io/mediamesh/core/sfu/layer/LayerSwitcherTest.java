package io.mediamesh.core.sfu.layer;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.core.sfu.layer.LayerSwitcher.Mode;
import org.junit.jupiter.api.Test;

class LayerSwitcherTest {
    // packet shorthands: a one-packet frame of encoding/spatial s, temporal t
    private static boolean frame(LayerSwitcher switcher, int s, int t, boolean sync) {
        return switcher.accept(s, t, true, true, false, sync);
    }

    private static boolean keyframe(LayerSwitcher switcher, int s) {
        return switcher.accept(s, 0, true, true, true, true);
    }

    @Test
    void simulcastStartsOnAKeyframeOfTheTargetEncodingAndRequestsItThrottled() {
        LayerSwitcher switcher = new LayerSwitcher(Mode.SIMULCAST, 500);
        switcher.target(new LayerTarget(1, 2));
        assertThat(frame(switcher, 0, 0, false)).isFalse();
        assertThat(frame(switcher, 1, 0, false)).as("target encoding, but not a keyframe").isFalse();
        assertThat(keyframe(switcher, 2)).as("keyframe of another encoding").isFalse();
        assertThat(switcher.pendingSpatial()).isEqualTo(1);
        assertThat(switcher.keyframeRequestDue(0)).isTrue();
        assertThat(switcher.keyframeRequestDue(100)).as("throttled").isFalse();
        assertThat(switcher.keyframeRequestDue(500)).isTrue();

        assertThat(keyframe(switcher, 1)).isTrue();
        assertThat(switcher.switched()).isTrue();
        assertThat(switcher.current()).isEqualTo(new LayerTarget(1, 2));
        assertThat(switcher.keyframeRequestDue(5_000)).isFalse();
        assertThat(frame(switcher, 1, 2, false)).isTrue();
        assertThat(switcher.switched()).isFalse();
        assertThat(frame(switcher, 0, 0, false)).isFalse();
        assertThat(frame(switcher, 2, 0, false)).isFalse();
    }

    @Test
    void simulcastKeepsTheCurrentEncodingUntilTheNewOnesKeyframeBothWays() {
        LayerSwitcher switcher = new LayerSwitcher(Mode.SIMULCAST, 500);
        switcher.target(new LayerTarget(1, 2));
        keyframe(switcher, 1);
        switcher.target(new LayerTarget(2, 2));
        assertThat(frame(switcher, 1, 0, false)).as("old encoding still flows").isTrue();
        assertThat(frame(switcher, 2, 0, false)).isFalse();
        assertThat(keyframe(switcher, 2)).isTrue();
        assertThat(frame(switcher, 1, 0, false)).isFalse();

        switcher.target(new LayerTarget(0, 2));
        assertThat(switcher.waitingForKeyframe()).as("down needs a keyframe too: encodings are independent").isTrue();
        assertThat(frame(switcher, 2, 1, false)).isTrue();
        assertThat(keyframe(switcher, 0)).isTrue();
        assertThat(frame(switcher, 2, 0, false)).isFalse();
        assertThat(switcher.current().spatial()).isZero();
    }

    @Test
    void temporalUpOnlyAtSyncPointsDownAtTheNextFrame() {
        LayerSwitcher switcher = new LayerSwitcher(Mode.SIMULCAST, 500);
        switcher.target(new LayerTarget(0, 0));
        keyframe(switcher, 0);
        assertThat(frame(switcher, 0, 1, true)).as("above the target").isFalse();
        switcher.target(new LayerTarget(0, 2));
        assertThat(frame(switcher, 0, 2, false)).as("no sync point").isFalse();
        assertThat(frame(switcher, 0, 0, false)).isTrue();
        assertThat(frame(switcher, 0, 1, true)).as("TL1 sync: up to 1").isTrue();
        assertThat(frame(switcher, 0, 2, false)).as("TL2 without sync: not yet").isFalse();
        assertThat(frame(switcher, 0, 1, false)).isTrue();
        assertThat(frame(switcher, 0, 2, true)).as("TL2 sync: up to 2").isTrue();
        assertThat(frame(switcher, 0, 2, false)).isTrue();
        switcher.target(new LayerTarget(0, 0));
        assertThat(frame(switcher, 0, 1, false)).as("down at once").isFalse();
        assertThat(frame(switcher, 0, 0, false)).isTrue();
        assertThat(switcher.current()).isEqualTo(new LayerTarget(0, 0));
    }

    @Test
    void aFrameIsForwardedWholeEvenWhenTheTargetChangesInside() {
        LayerSwitcher switcher = new LayerSwitcher(Mode.SIMULCAST, 500);
        switcher.target(new LayerTarget(0, 2));
        keyframe(switcher, 0);
        assertThat(switcher.accept(0, 2, true, false, false, false)).isTrue();
        switcher.target(new LayerTarget(0, 0));
        assertThat(switcher.accept(0, 2, false, false, false, false)).as("same frame").isTrue();
        assertThat(switcher.accept(0, 2, false, true, false, false)).isTrue();
        assertThat(switcher.accept(0, 2, true, true, false, false)).as("next frame: dropped").isFalse();
    }

    @Test
    void pausedForwardsNothingAndResumingWaitsForAKeyframe() {
        LayerSwitcher switcher = new LayerSwitcher(Mode.SIMULCAST, 500);
        switcher.target(new LayerTarget(0, 2));
        keyframe(switcher, 0);
        switcher.target(LayerTarget.NONE);
        assertThat(frame(switcher, 0, 0, false)).isFalse();
        assertThat(switcher.keyframeRequestDue(0)).isFalse();
        switcher.target(new LayerTarget(0, 2));
        assertThat(frame(switcher, 0, 0, false)).isFalse();
        assertThat(switcher.keyframeRequestDue(0)).isTrue();
        assertThat(keyframe(switcher, 0)).isTrue();
    }

    /** One K-SVC picture: spatial layers 0..2, each a one-packet layer frame; returns what was forwarded. */
    private static String picture(LayerSwitcher switcher, boolean key, int temporal, boolean sync) {
        StringBuilder out = new StringBuilder();
        for (int s = 0; s < 3; s++) {
            boolean forwarded = switcher.accept(s, temporal, true, true, key && s == 0, sync);
            out.append(forwarded ? (switcher.setMarker() ? "M" : "+") : "-");
        }
        return out.toString();
    }

    @Test
    void svcUpOnAKeyPictureDownAtThePictureStartMarkerOnTheTopForwardedLayer() {
        LayerSwitcher switcher = new LayerSwitcher(Mode.SVC, 500);
        switcher.target(new LayerTarget(1, 2));
        assertThat(picture(switcher, false, 0, false)).isEqualTo("---");
        assertThat(switcher.keyframeRequestDue(0)).isTrue();
        assertThat(picture(switcher, true, 0, true)).as("sid 0 and 1, marker on 1").isEqualTo("+M-");
        assertThat(picture(switcher, false, 2, true)).isEqualTo("+M-");

        switcher.target(new LayerTarget(0, 2));
        assertThat(switcher.waitingForKeyframe()).as("lower layers are there already").isFalse();
        assertThat(picture(switcher, false, 1, false)).isEqualTo("M--");

        switcher.target(new LayerTarget(2, 2));
        assertThat(picture(switcher, false, 0, false)).as("up waits for a key picture").isEqualTo("M--");
        assertThat(switcher.pendingSpatial()).isEqualTo(2);
        assertThat(picture(switcher, true, 0, true)).isEqualTo("++M");
    }

    @Test
    void svcTemporalFilteringFollowsTheBaseLayersDecision() {
        LayerSwitcher switcher = new LayerSwitcher(Mode.SVC, 500);
        switcher.target(new LayerTarget(2, 0));
        picture(switcher, true, 0, true);
        assertThat(picture(switcher, false, 2, true)).as("TL2 above the target").isEqualTo("---");
        assertThat(picture(switcher, false, 0, false)).isEqualTo("++M");
    }

    @Test
    void svcKeyPictureLetsTheTemporalTargetStartWithoutASwitchingUpPoint() {
        LayerSwitcher switcher = new LayerSwitcher(Mode.SVC, 500);
        switcher.target(new LayerTarget(1, 0));
        assertThat(picture(switcher, true, 0, false)).isEqualTo("+M-");
        switcher.target(new LayerTarget(1, 2));
        assertThat(picture(switcher, false, 2, false)).as("no U bit").isEqualTo("---");
        assertThat(picture(switcher, true, 0, false)).isEqualTo("+M-");
        assertThat(switcher.currentTemporal()).isEqualTo(2);
        assertThat(picture(switcher, false, 2, false)).isEqualTo("+M-");
    }

    @Test
    void svcDownAtAKeyPictureToo() {
        LayerSwitcher switcher = new LayerSwitcher(Mode.SVC, 500);
        switcher.target(new LayerTarget(2, 2));
        assertThat(picture(switcher, true, 0, false)).isEqualTo("++M");
        switcher.target(new LayerTarget(0, 2));
        assertThat(picture(switcher, true, 0, false)).isEqualTo("M--");
        assertThat(switcher.currentSpatial()).isZero();
        switcher.restart();
        assertThat(picture(switcher, false, 0, false)).as("a new source starts at a key picture").isEqualTo("---");
        assertThat(picture(switcher, true, 0, false)).isEqualTo("M--");
    }
}
