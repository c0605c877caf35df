package io.mediamesh.proto;

public class MalformedPacketException extends RuntimeException { public MalformedPacketException(String message) {super(message);} }
