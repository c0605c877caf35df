package io.mediamesh.sip.gateway.call;

/** A call's life: outgoing calls start CALLING; both ring, are answered, and end. */
public enum CallState {
    CALLING, RINGING, ANSWERED, ENDED
}
