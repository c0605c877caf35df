package io.mediamesh.rtmp.amf;

import static io.mediamesh.testsupport.ByteVectors.buf;
import static io.mediamesh.testsupport.ByteVectors.toHex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Amf0Test {

    @Test
    void connectCommandBytes() {
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("app", "live");
        ByteBuf out = Unpooled.buffer();
        Amf0.writeAll(out, "connect", 1.0, command);
        assertThat(toHex(out)).isEqualTo(toHex(buf("""
                02 0007 636f6e6e656374              // string "connect"
                00 3ff0000000000000                 // number 1.0
                03 0003 617070 02 0004 6c697665     // object { app: "live"
                0000 09                             // }
                """)));
        assertThat(Amf0.readAll(out)).containsExactly("connect", 1.0, command);
    }

    @Test
    void everyTypeRoundTrips() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("width", 1280.0);
        nested.put("live", true);
        nested.put("nothing", null);
        List<Object> array = List.of(1.0, "two", false);
        String longString = "x".repeat(70_000);
        ByteBuf out = Unpooled.buffer();
        Amf0.writeAll(out, 42.5, true, "é", nested, array, new Amf0.AmfDate(1.7e12, 0), longString, null);
        List<Object> read = Amf0.readAll(out);
        assertThat(read).hasSize(8);
        assertThat(read.subList(0, 3)).containsExactly(42.5, true, "é");
        assertThat(read.get(3)).isEqualTo(nested);
        assertThat(read.get(4)).isEqualTo(array);
        assertThat(read.get(5)).isEqualTo(new Amf0.AmfDate(1.7e12, 0));
        assertThat(read.get(6)).isEqualTo(longString);
        assertThat(read.get(7)).isNull();
    }

    @Test
    void ecmaArraysAndUndefinedAsFfmpegSendsThem() {
        // @setDataFrame's onMetaData is an ECMA array: count hint, then properties up to the end marker.
        Object value = Amf0.read(buf("08 00000002 0005 7769647468 00 4094000000000000 0003 666f6f 06 0000 09"));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("width", 1280.0);
        expected.put("foo", null);
        assertThat(value).isEqualTo(expected);
    }

    @Test
    void truncatedAndUnknownDataIsRefused() {
        assertThatThrownBy(() -> Amf0.read(buf("02 0010 6162"))).isInstanceOf(AmfException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> Amf0.read(buf("0d"))).isInstanceOf(AmfException.class)
                .hasMessageContaining("marker");
        assertThatThrownBy(() -> Amf0.read(buf("00 3ff0"))).isInstanceOf(AmfException.class);
    }

    @Test
    void nestingIsBounded() {
        ByteBuf deep = Unpooled.buffer();
        for (int i = 0; i < 40; i++) {
            deep.writeByte(0x0A).writeInt(1);
        }
        deep.writeByte(0x05);
        assertThatThrownBy(() -> Amf0.read(deep)).isInstanceOf(AmfException.class).hasMessageContaining("deeper");
        List<Object> shallow = new ArrayList<>();
        shallow.add(List.of(List.of(1.0)));
        ByteBuf ok = Unpooled.buffer();
        Amf0.write(ok, shallow);
        assertThat(Amf0.read(ok)).isEqualTo(shallow);
    }
}
