package io.mediamesh.sip.dialog;

import static org.assertj.core.api.Assertions.assertThat;

import io.mediamesh.sip.dialog.BindingTable.Outcome;
import io.mediamesh.sip.transaction.Endpoint;
import io.mediamesh.sip.transaction.TransportKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BindingTableTest {
    private static final Endpoint SOURCE = new Endpoint(TransportKind.UDP, "192.0.2.5", 5080);

    @Test
    void bindsLooksUpAndExpires() {
        BindingTable table = new BindingTable();
        assertThat(table.update("sip:Alice@example.com", "sip:alice@192.0.2.5:5080", SOURCE, "c1", 1, 60, 1_000))
                .isEqualTo(Outcome.BOUND);
        Binding binding = table.lookup("alice@example.com", 60_999).orElseThrow();
        assertThat(binding.contact()).isEqualTo("sip:alice@192.0.2.5:5080");
        assertThat(binding.source()).isEqualTo(SOURCE);
        assertThat(binding.secondsLeft(31_000)).isEqualTo(30);
        assertThat(table.lookup("alice@example.com", 61_000)).as("lapsed at 1 s + 60 s").isEmpty();
    }

    @Test
    void zeroExpiryRemovesAndOldCSeqIsOutOfOrder() {
        BindingTable table = new BindingTable();
        table.update("bob", "sip:bob@h", SOURCE, "c1", 5, 60, 0);
        assertThat(table.update("bob", "sip:bob@other", SOURCE, "c1", 5, 60, 0)).isEqualTo(Outcome.OUT_OF_ORDER);
        assertThat(table.update("bob", "sip:bob@other", SOURCE, "c2", 1, 60, 0)).as("another Call-ID")
                .isEqualTo(Outcome.BOUND);
        assertThat(table.update("bob", "*", SOURCE, "c2", 2, 0, 0)).isEqualTo(Outcome.REMOVED);
        assertThat(table.lookup("bob", 0)).isEmpty();
    }

    @Test
    void expireSweepsOnlyLapsedBindings() {
        BindingTable table = new BindingTable();
        table.update("a", "sip:a@h", SOURCE, "c", 1, 10, 0);
        table.update("b", "sip:b@h", SOURCE, "c", 1, 20, 0);
        assertThat(table.expire(10_000)).isEqualTo(1);
        assertThat(table.list(10_000)).extracting(Binding::aor).containsExactly("b");
    }

    @ParameterizedTest
    @CsvSource({"sip:Alice@Example.com,alice@example.com", "sips:bob@x;transport=tcp,bob@x", "carol,carol"})
    void normalisesAddressesOfRecord(String aor, String key) {
        assertThat(BindingTable.normalise(aor)).isEqualTo(key);
    }
}
