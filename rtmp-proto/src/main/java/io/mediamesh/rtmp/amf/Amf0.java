package io.mediamesh.rtmp.amf;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AMF0 (Action Message Format 0, Adobe's specification of 2007) values as plain Java: number → {@link Double},
 * boolean → {@link Boolean}, string and long string → {@link String}, object and ECMA array →
 * {@code Map<String, Object>} (insertion order kept), strict array → {@code List<Object>}, null and undefined →
 * {@code null}, date → {@link AmfDate}. Pure.
 */
public final class Amf0 {
    static final int NUMBER = 0x00;
    static final int BOOLEAN = 0x01;
    static final int STRING = 0x02;
    static final int OBJECT = 0x03;
    static final int NULL = 0x05;
    static final int UNDEFINED = 0x06;
    static final int ECMA_ARRAY = 0x08;
    static final int OBJECT_END = 0x09;
    static final int STRICT_ARRAY = 0x0A;
    static final int DATE = 0x0B;
    static final int LONG_STRING = 0x0C;
    private static final int MAX_DEPTH = 32;

    private Amf0() {
    }

    /** A date: milliseconds since the epoch and the (unused) time-zone offset in minutes. */
    public record AmfDate(double millis, int timeZone) {
    }

    /**
     * Reads every value until the end of {@code in}.
     *
     * @throws AmfException on truncated or unknown data
     */
    public static List<Object> readAll(ByteBuf in) {
        List<Object> values = new ArrayList<>();
        while (in.isReadable()) {
            values.add(read(in));
        }
        return values;
    }

    /** Reads one value. */
    public static Object read(ByteBuf in) {
        return read(in, 0);
    }

    private static Object read(ByteBuf in, int depth) {
        if (depth > MAX_DEPTH) {
            throw new AmfException("AMF0 nesting deeper than " + MAX_DEPTH);
        }
        need(in, 1);
        int marker = in.readUnsignedByte();
        switch (marker) {
            case NUMBER -> {
                need(in, 8);
                return in.readDouble();
            }
            case BOOLEAN -> {
                need(in, 1);
                return in.readByte() != 0;
            }
            case STRING -> {
                return readUtf8(in, readLength(in, 2));
            }
            case LONG_STRING -> {
                return readUtf8(in, readLength(in, 4));
            }
            case OBJECT -> {
                return readProperties(in, depth);
            }
            case ECMA_ARRAY -> {
                need(in, 4);
                in.skipBytes(4); // the count is a hint; the properties end with the end marker
                return readProperties(in, depth);
            }
            case STRICT_ARRAY -> {
                long count = readLength(in, 4);
                List<Object> list = new ArrayList<>();
                for (long i = 0; i < count; i++) {
                    list.add(read(in, depth + 1));
                }
                return list;
            }
            case DATE -> {
                need(in, 10);
                return new AmfDate(in.readDouble(), in.readShort());
            }
            case NULL, UNDEFINED -> {
                return null;
            }
            default -> throw new AmfException("unsupported AMF0 marker 0x" + Integer.toHexString(marker));
        }
    }

    private static Map<String, Object> readProperties(ByteBuf in, int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        while (true) {
            String key = readUtf8(in, readLength(in, 2));
            need(in, 1);
            if (key.isEmpty() && in.getUnsignedByte(in.readerIndex()) == OBJECT_END) {
                in.skipBytes(1);
                return map;
            }
            map.put(key, read(in, depth + 1));
        }
    }

    private static int readLength(ByteBuf in, int bytes) {
        need(in, bytes);
        long length = bytes == 2 ? in.readUnsignedShort() : in.readUnsignedInt();
        if (length > in.readableBytes() && bytes == 4 && length > Integer.MAX_VALUE) {
            throw new AmfException("AMF0 length " + length);
        }
        return (int) length;
    }

    private static String readUtf8(ByteBuf in, int length) {
        need(in, length);
        String value = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return value;
    }

    private static void need(ByteBuf in, int bytes) {
        if (bytes < 0 || in.readableBytes() < bytes) {
            throw new AmfException("truncated AMF0 data: need " + bytes + " bytes, have " + in.readableBytes());
        }
    }

    /** Writes {@code values} one after the other. */
    public static void writeAll(ByteBuf out, Object... values) {
        for (Object value : values) {
            write(out, value);
        }
    }

    /** Writes one value; maps become objects, lists strict arrays, numbers AMF numbers. */
    public static void write(ByteBuf out, Object value) {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof Number number) {
            out.writeByte(NUMBER).writeDouble(number.doubleValue());
        } else if (value instanceof Boolean bool) {
            out.writeByte(BOOLEAN).writeByte(bool ? 1 : 0);
        } else if (value instanceof String string) {
            byte[] bytes = string.getBytes(StandardCharsets.UTF_8);
            if (bytes.length <= 0xFFFF) {
                out.writeByte(STRING).writeShort(bytes.length).writeBytes(bytes);
            } else {
                out.writeByte(LONG_STRING).writeInt(bytes.length).writeBytes(bytes);
            }
        } else if (value instanceof Map<?, ?> map) {
            out.writeByte(OBJECT);
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                byte[] key = entry.getKey().toString().getBytes(StandardCharsets.UTF_8);
                out.writeShort(key.length).writeBytes(key);
                write(out, entry.getValue());
            }
            out.writeShort(0).writeByte(OBJECT_END);
        } else if (value instanceof List<?> list) {
            out.writeByte(STRICT_ARRAY).writeInt(list.size());
            for (Object item : list) {
                write(out, item);
            }
        } else if (value instanceof AmfDate date) {
            out.writeByte(DATE).writeDouble(date.millis()).writeShort(date.timeZone());
        } else {
            throw new IllegalArgumentException("no AMF0 form for " + value.getClass().getName());
        }
    }
}
