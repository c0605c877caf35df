package io.mediamesh.core.sfu.layer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Vp8PictureRewriterTest {
    private final Vp8PictureRewriter rewriter = new Vp8PictureRewriter();

    private String map(int pictureId, int tl0, boolean rebase) {
        rewriter.map(pictureId, tl0, rebase);
        return rewriter.pictureId() + "/" + rewriter.tl0PicIdx();
    }

    @Test
    void theFirstEncodingPassesThroughUnchanged() {
        assertThat(map(100, 7, true)).isEqualTo("100/7");
        assertThat(map(101, 7, false)).isEqualTo("101/7");
    }

    @Test
    void aSwitchContinuesTheNumbersOfTheLastEncoding() {
        map(100, 7, true);
        map(101, 7, false);
        map(102, 8, false);
        assertThat(map(5000, 200, true)).as("the switch keyframe").isEqualTo("103/9");
        assertThat(map(5001, 200, false)).isEqualTo("104/9");
        assertThat(map(5003, 201, false)).as("a dropped temporal frame keeps its gap").isEqualTo("106/10");
    }

    @Test
    void numbersWrapAtFifteenAndEightBits() {
        map(0x7FFE, 0xFF, true);
        assertThat(map(0x7FFF, 0xFF, false)).isEqualTo(0x7FFF + "/255");
        assertThat(map(3, 40, true)).isEqualTo("0/0");
        assertThat(map(4, 41, false)).isEqualTo("1/1");
    }

    @Test
    void aLateRetransmittedPictureDoesNotMoveTheRebaseAnchorBack() {
        map(100, 7, true);
        map(110, 9, false);
        map(105, 8, false); // late packet of an older picture
        assertThat(map(9, 3, true)).isEqualTo("111/10");
    }

    @Test
    void packetsWithoutIdsStayWithout() {
        assertThat(map(-1, -1, true)).isEqualTo("-1/-1");
    }
}
