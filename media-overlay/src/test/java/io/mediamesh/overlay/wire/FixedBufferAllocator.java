package io.mediamesh.overlay.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

/** Test allocator that hands out one pre-allocated heap buffer, so allocation tests see only the code under test. */
final class FixedBufferAllocator implements ByteBufAllocator {
    private final ByteBuf buffer;

    FixedBufferAllocator(ByteBuf buffer) {
        this.buffer = buffer;
    }

    @Override
    public ByteBuf heapBuffer(int initialCapacity) {
        if (initialCapacity > buffer.capacity()) {
            throw new IllegalArgumentException("fixed buffer too small: " + initialCapacity);
        }
        return buffer.clear();
    }

    @Override
    public ByteBuf heapBuffer() {
        return buffer.clear();
    }

    @Override
    public ByteBuf heapBuffer(int initialCapacity, int maxCapacity) {
        return heapBuffer(initialCapacity);
    }

    @Override
    public ByteBuf buffer() {
        throw unsupported();
    }

    @Override
    public ByteBuf buffer(int initialCapacity) {
        throw unsupported();
    }

    @Override
    public ByteBuf buffer(int initialCapacity, int maxCapacity) {
        throw unsupported();
    }

    @Override
    public ByteBuf ioBuffer() {
        throw unsupported();
    }

    @Override
    public ByteBuf ioBuffer(int initialCapacity) {
        throw unsupported();
    }

    @Override
    public ByteBuf ioBuffer(int initialCapacity, int maxCapacity) {
        throw unsupported();
    }

    @Override
    public ByteBuf directBuffer() {
        throw unsupported();
    }

    @Override
    public ByteBuf directBuffer(int initialCapacity) {
        throw unsupported();
    }

    @Override
    public ByteBuf directBuffer(int initialCapacity, int maxCapacity) {
        throw unsupported();
    }

    @Override
    public CompositeByteBuf compositeBuffer() {
        throw unsupported();
    }

    @Override
    public CompositeByteBuf compositeBuffer(int maxNumComponents) {
        throw unsupported();
    }

    @Override
    public CompositeByteBuf compositeHeapBuffer() {
        throw unsupported();
    }

    @Override
    public CompositeByteBuf compositeHeapBuffer(int maxNumComponents) {
        throw unsupported();
    }

    @Override
    public CompositeByteBuf compositeDirectBuffer() {
        throw unsupported();
    }

    @Override
    public CompositeByteBuf compositeDirectBuffer(int maxNumComponents) {
        throw unsupported();
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }

    @Override
    public int calculateNewCapacity(int minNewCapacity, int maxCapacity) {
        throw unsupported();
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("only heapBuffer");
    }
}
