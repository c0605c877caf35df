package io.mediamesh.sip.dialog;

/** Which side created the dialog: the UAC (sent the INVITE) or the UAS (received it). */
public enum DialogRole {
    UAC, UAS
}
