package io.mediamesh.core.dtls;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;

/** Remembers the alerts BC reports, so a failure can say why and a close_notify can end the connection. */
final class AlertLog {
    private volatile String lastAlert;
    private volatile boolean closeNotifyReceived;

    void raised(short level, short description, String message) {
        lastAlert = "sent " + AlertLevel.getText(level) + " alert " + AlertDescription.getText(description)
                + (message == null ? "" : " (" + message + ")");
    }

    void received(short level, short description) {
        if (description == AlertDescription.close_notify) {
            closeNotifyReceived = true;
        }
        lastAlert = "received " + AlertLevel.getText(level) + " alert " + AlertDescription.getText(description);
    }

    String lastAlert() {
        return lastAlert;
    }

    boolean closeNotifyReceived() {
        return closeNotifyReceived;
    }
}
